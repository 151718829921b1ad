package io.modelfleet.cli;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelfleet.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLI run in-process against the running app, on a catalog and fleet seeded through the API. */
@QuarkusTest
class CliEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CliFleet fleet;
    private CliRunner cli;

    static String url() {
        return "http://localhost:" + RestAssured.port;
    }

    @BeforeEach
    void fleetAndLogin() {
        fleet = new CliFleet(false);
        cli = new CliRunner();
        CliRunner.Result login = cli.runWithInput(Api.token(Api.As.OPERATOR) + "\n", "login", url());
        assertEquals(0, login.status(), login.toString());
    }

    @Test
    void loginStoresTheTokenOwnerOnlyAndNeverPrintsIt() throws Exception {
        String token = Api.token(Api.As.OPERATOR);
        CliRunner fresh = new CliRunner();
        CliRunner.Result login = fresh.runWithInput(token + "\n", "login", url() + "/");
        assertEquals(0, login.status(), login.toString());
        assertEquals("Logged in to " + url() + "; token stored in " + fresh.configFile() + " (mode 0600)\n",
                login.out());
        assertEquals("", login.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.configFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh.configFile().getParent())));
        JsonNode stored = YAML.readTree(fresh.configFile().toFile());
        assertEquals(url(), stored.path("url").asText());
        assertEquals(token, stored.path("token").asText());
        // Logging in again (here from the environment) replaces the file and keeps it owner-only.
        CliRunner.Result again = fresh.env("MODELFLEET_TOKEN", Api.token(Api.As.VIEWER)).run("login", url());
        assertEquals(0, again.status(), again.toString());
        assertFalse(again.out().contains(Api.token(Api.As.VIEWER)), again.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.configFile())));
        assertEquals(Api.token(Api.As.VIEWER), YAML.readTree(fresh.configFile().toFile()).path("token").asText());
        // A file others can read is refused, as ssh refuses such a key, until it is owner-only again.
        Files.setPosixFilePermissions(fresh.configFile(), PosixFilePermissions.fromString("rw-r--r--"));
        CliRunner.Result exposed = fresh.env("MODELFLEET_TOKEN", "").run("get", "models", fleet.model);
        assertEquals(ExitCodes.USAGE, exposed.status(), exposed.toString());
        assertEquals("error: cannot read " + fresh.configFile() + ": it is readable by others (mode rw-r--r--);"
                + " run chmod 600 " + fresh.configFile() + " or log in again, and consider rotating the token\n",
                exposed.err());
        Files.setPosixFilePermissions(fresh.configFile(), PosixFilePermissions.fromString("rw-------"));
        assertEquals(0, fresh.run("get", "models", fleet.model).status());
    }

    @Test
    void aRefusedTokenIsNotStoredAndExitsWithTheApiErrorStatus() {
        CliRunner fresh = new CliRunner();
        CliRunner.Result login = fresh.runWithInput("not-a-token\n", "login", url());
        assertEquals(ExitCodes.API_ERROR, login.status(), login.toString());
        assertTrue(login.err().startsWith("error: "), login.err());
        assertTrue(login.err().contains("(HTTP 401 "), login.err());
        assertTrue(login.err().endsWith("  the token was refused: run modelfleet login URL with a valid token\n"),
                login.err());
        assertFalse(login.err().contains("not-a-token"), "the token is never printed: " + login.err());
        assertFalse(Files.exists(fresh.configFile()));
    }

    @Test
    void getPrintsOneResourceAsAnExactTableRow() {
        assertEquals("""
                NAME%s   ACCELERATOR   COUNT   VCPUS   MEMORY_GIB   PRECISIONS       OFFERINGS
                %s   NVIDIA_T4         1       4           16   FP32,FP16,INT8   us-east-1/ON_DEMAND $0.526
                """.formatted(" ".repeat(fleet.t4.length() - 4), fleet.t4), ok("get", "hardware", fleet.t4).out());
        assertEquals("""
                NAME%s   TASK                   METRIC   VARIANTS
                %s   image-classification   top1            2
                """.formatted(" ".repeat(fleet.model.length() - 4), fleet.model), ok("get", "models", fleet.model)
                .out());
        String d = fleet.deployment(3000, 20);
        assertEquals(List.of(d, fleet.model, "1.0.0", "20", fleet.cluster + "=3000", "DECLARED"),
                row(ok("get", "deployments").out(), d));
        assertEquals(List.of(fleet.cluster, "us-east-1", "GITOPS", "gpu:" + fleet.t4 + "x10 ON_DEMAND,cpu:"
                + fleet.cpu + "x10 ON_DEMAND", "-"), row(ok("get", "clusters").out(), fleet.cluster));
    }

    @Test
    void getVariantsOfAModelIsTheWholeTable() {
        String out = ok("get", "variants", fleet.model).out();
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        assertEquals(List.of("MODEL", "ID", "VERSION", "PRECISION", "COMPRESSION", "FORMAT", "ACCURACY",
                "BENCHMARKED_ON"), cells(lines.get(0)));
        // Listed by version, precision, id: FP32 before INT8.
        assertEquals(List.of(fleet.model, fleet.fp32, "1.0.0", "FP32", "-", "ONNX", "76.1", fleet.t4),
                cells(lines.get(1)));
        assertEquals(List.of(fleet.model, fleet.int8, "1.0.0", "INT8", "QUANTIZATION", "ONNX", "75.9",
                fleet.t4 + "," + fleet.cpu), cells(lines.get(2)));
    }

    @Test
    void jsonAndYamlOutputAreTheApisOwnDocuments() throws Exception {
        JsonNode api = JSON.readTree(viewer().get("/api/v1/models/" + fleet.model).then().statusCode(200)
                .extract().asString());
        assertEquals(api, JSON.readTree(ok("get", "models", fleet.model, "-o", "json").out()));
        assertEquals(api, YAML.readTree(ok("get", "models", fleet.model, "-o", "yaml").out()));
        JsonNode variants = JSON.readTree(ok("get", "variants", fleet.model, "-o", "json").out());
        assertEquals(2, variants.size());
        assertEquals(fleet.fp32, variants.get(0).path("id").asText());
        assertEquals(fleet.int8, variants.get(1).path("id").asText());
    }

    @Test
    void planPrintsTheOptimizersTableWithTheChosenRowAndWhyTheOthersLost() {
        // 3000 rps: INT8 on t4 needs ceil(3000/1800) = 2 replicas on 2 nodes = $1.052/h, chosen. INT8 on cpu: 15
        // replicas, 2 per node, 8 nodes = $1.36/h (+0.308). FP32 on t4: 5 replicas = $2.63/h (+1.578). FP32 on cpu
        // has no benchmark. fp32-only costs 2.63 (saves 1.578), single-hardware keeps t4 (saves 0).
        String d = fleet.deployment(3000, 20);
        CliRunner.Result plan = ok("plan", d);
        String id = plan.out().substring("Plan ".length(), plan.out().indexOf(':'));
        String int8 = fleet.int8.substring(0, 8);
        String fp32 = fleet.fp32.substring(0, 8);
        String t4 = fleet.t4;
        String cpu = fleet.cpu;
        String pad = " ".repeat(cpu.length() - t4.length());
        assertEquals("Plan " + id + ": OPTIMAL, $1.052/h ($767.96/month), lower bound $1.052/h, gap 0.0%\n"
                + "\n"
                + d + " on " + fleet.cluster + "\n"
                + "  VARIANT    PRECISION   HARDWARE" + " ".repeat(cpu.length() - 8) + "   POOL   BATCH   REPLICAS"
                + "     $/H   CHOSEN   WHY NOT\n"
                + "  " + int8 + "   INT8        " + t4 + pad + "   gpu        8          2   1.052   ✔\n"
                + "  " + int8 + "   INT8        " + cpu + "   cpu        1         15    1.36            +$0.308/h for"
                + " the cluster (re-solved exactly)\n"
                + "  " + fp32 + "   FP32        " + t4 + pad + "   gpu        8          5    2.63            +$1.578/h"
                + " for the cluster (re-solved exactly)\n"
                + "  1 rejected: 1 NO_BENCHMARK (modelfleet plan explain " + d + " " + fleet.cluster + " --plan " + id
                + ")\n"
                + "\n"
                + "Baselines:\n"
                + "  BASELINE            $/H   THIS_PLAN_SAVES_$/H   UNPLACED\n"
                + "  fp32-only          2.63                 1.578          0\n"
                + "  single-hardware   1.052                  0.00          0\n"
                + "\n"
                + "Roll it out: modelfleet rollout " + id + "\n", plan.out());
        // The stored plan reads back as the same table.
        String shown = plan.out().substring(0, plan.out().indexOf("\nRoll it out"));
        assertEquals(shown, ok("get", "plans", id).out());
    }

    @Test
    void planExplainListsEveryOptionWithTheRuleThatRejectedIt() {
        String d = fleet.deployment(3000, 20);
        String id = operator().body(java.util.Map.of("deployments", List.of(d))).post("/api/v1/plans").then()
                .statusCode(201).extract().path("id");
        String out = ok("plan", "explain", d, fleet.cluster).out();
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).startsWith("Plan " + id + ": OPTIMAL, $1.052/h"), out);
        assertEquals(d + " on " + fleet.cluster, lines.get(2));
        assertEquals(List.of(fleet.int8.substring(0, 8), "INT8", fleet.t4, "gpu", "8", "2", "1.052", "✔"),
                cells(lines.get(4)));
        assertEquals(List.of(fleet.fp32.substring(0, 8), "FP32", fleet.cpu, "cpu", "-",
                "NO_BENCHMARK: variant was not benchmarked on " + fleet.cpu), cells(lines.get(7)));
        assertEquals(8, lines.size(), out);
        JsonNode json = readJson(ok("plan", "explain", d, fleet.cluster, "--plan", id, "-o", "json").out());
        assertEquals(id, json.path("planId").asText());
        assertEquals(4, json.path("options").size());
    }

    @Test
    void aPairNothingCanServeIsPrintedUnplacedWithEveryReason() {
        // p99 5 ms: every benchmark is slower (7.1, 12 and 9 ms) and FP32 has none on cpu.
        String d = fleet.deployment(100, 5);
        CliRunner.Result plan = ok("plan", d);
        List<String> lines = plan.out().lines().toList();
        String id = lines.get(0).substring("Plan ".length(), lines.get(0).indexOf(':'));
        assertTrue(lines.get(0).startsWith("Plan " + id + ": INFEASIBLE, $0.00/h ($0.00/month)"), plan.out());
        assertEquals(d + " on " + fleet.cluster + ": UNPLACED", lines.get(2));
        assertEquals("  4 rejected: 3 LATENCY, 1 NO_BENCHMARK (modelfleet plan explain " + d + " " + fleet.cluster
                + " --plan " + id + ")", lines.get(3));
        assertEquals(List.of(
                "  LATENCY: INT8 variant " + fleet.int8 + " on pool gpu (" + fleet.t4 + ") batch 8: p99 7.1 ms > SLO"
                        + " 5 ms",
                "  LATENCY: INT8 variant " + fleet.int8 + " on pool cpu (" + fleet.cpu + ") batch 1: p99 12 ms > SLO"
                        + " 5 ms",
                "  LATENCY: FP32 variant " + fleet.fp32 + " on pool gpu (" + fleet.t4 + ") batch 8: p99 9 ms > SLO"
                        + " 5 ms",
                "  NO_BENCHMARK: FP32 variant " + fleet.fp32 + " on pool cpu (" + fleet.cpu + "): variant was not"
                        + " benchmarked on " + fleet.cpu).stream().sorted().toList(),
                lines.subList(4, 8).stream().sorted().toList());
        assertFalse(plan.out().contains("Roll it out"), "nothing to roll out: " + plan.out());
        List<String> listed = row(ok("get", "plans").out(), id);
        assertEquals(List.of(id, "INFEASIBLE", "0.00", d), List.of(listed.get(0), listed.get(2), listed.get(3),
                listed.get(4)));
    }

    @Test
    void planAsJsonIsThePlanDocument() {
        String d = fleet.deployment(3000, 20);
        JsonNode plan = readJson(ok("plan", d, "-o", "json").out());
        assertEquals("OPTIMAL", plan.path("status").asText());
        assertEquals(1.052, plan.path("totalHourlyCostUsd").asDouble());
        assertEquals(fleet.int8, plan.path("placements").get(0).path("variantId").asText());
    }

    @Test
    void problemsPrintTheirDetailAndFieldsAndExitWithTheApiErrorStatus() throws Exception {
        CliRunner.Result unknown = cli.run("plan", "no-such-deployment");
        assertEquals(ExitCodes.API_ERROR, unknown.status(), unknown.toString());
        assertEquals("", unknown.out());
        assertEquals("error: deployments[0]: no deployment named 'no-such-deployment' (HTTP 400 Invalid request)\n",
                unknown.err());
        Path bad = cli.configHome.resolve("bad-variant.json");
        Files.writeString(bad, "{\"model\": \"" + fleet.model + "\", \"version\": \"3.0.0\", \"precision\": \"FP32\","
                + " \"artifactUri\": \"s3://b/m.onnx\", \"artifactSha256\": \"abc\", \"sizeBytes\": 1,"
                + " \"format\": \"ONNX\", \"image\": \"i\", \"benchmarks\": [{\"hardware\": \"no-such-hw\","
                + " \"batchSize\": 1, \"p99LatencyMs\": 1, \"throughputRps\": 1}]}");
        CliRunner.Result two = cli.run("variants", "register", "-f", bad.toString());
        assertEquals(ExitCodes.API_ERROR, two.status(), two.toString());
        assertEquals("error: 2 problems in fields artifactSha256, benchmarks[0].hardware (HTTP 400 Invalid request)\n"
                + "  artifactSha256: must be 64 hexadecimal characters (a SHA-256 digest), was 3 characters\n"
                + "  benchmarks[0].hardware: no hardware profile named 'no-such-hw'\n", two.err());
        CliRunner.Result missing = cli.run("get", "models", "no-such-model");
        assertEquals(ExitCodes.API_ERROR, missing.status(), missing.toString());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("(HTTP 404 "), missing.err());
        CliRunner viewerCli = new CliRunner().env("MODELFLEET_URL", url())
                .env("MODELFLEET_TOKEN", Api.token(Api.As.VIEWER));
        CliRunner.Result forbidden = viewerCli.run("plan", fleet.deployment(100, 20));
        assertEquals(ExitCodes.API_ERROR, forbidden.status(), forbidden.toString());
        assertTrue(forbidden.err().contains("(HTTP 403 "), forbidden.err());
    }

    @Test
    void usageAndConnectionErrorsHaveTheirOwnStatus() {
        CliRunner.Result kind = cli.run("get", "gpus");
        assertEquals(ExitCodes.USAGE, kind.status(), kind.toString());
        assertEquals("error: unknown kind 'gpus': one of hardware|models|variants|clusters|deployments|plans"
                + "|rollouts\n", kind.err());
        assertEquals(ExitCodes.USAGE, cli.run("get").status());
        assertEquals(ExitCodes.USAGE, cli.run("get", "models", "-o", "xml").status());
        assertEquals(ExitCodes.USAGE, cli.run("variants", "register", "-f", "/no/such/file.yaml").status());
        CliRunner.Result notLoggedIn = new CliRunner().run("get", "models");
        assertEquals(ExitCodes.USAGE, notLoggedIn.status(), notLoggedIn.toString());
        assertTrue(notLoggedIn.err().startsWith("error: not logged in: run modelfleet login URL"), notLoggedIn.err());
        CliRunner.Result down = new CliRunner().env("MODELFLEET_URL", "http://127.0.0.1:9")
                .env("MODELFLEET_TOKEN", "x").run("get", "models");
        assertEquals(ExitCodes.CONNECTION, down.status(), down.toString());
        assertEquals("error: cannot reach http://127.0.0.1:9 (connection refused)\n", down.err());
    }

    @Test
    void variantsRegisterPostsEveryDocumentOfTheFileWithProgress() throws Exception {
        Path file = Files.createTempFile(cli.configHome, "variants", ".yaml");
        String sha = "b".repeat(64);
        Files.writeString(file, """
                model: %1$s
                version: 2.0.0
                precision: INT8
                compression: [QUANTIZATION, PRUNING]
                artifactUri: s3://bucket/%1$s/int8.onnx
                artifactSha256: %2$s
                sizeBytes: 1000
                format: ONNX
                image: nvcr.io/nvidia/tritonserver:24.08-py3
                accuracy: 74.5
                benchmarks:
                  - {hardware: %3$s, batchSize: 4, p99LatencyMs: 5, throughputRps: 900}
                ---
                model: %1$s
                version: 2.0.0
                precision: FP16
                artifactUri: s3://bucket/%1$s/fp16.onnx
                artifactSha256: %2$s
                sizeBytes: 2000
                format: ONNX
                image: nvcr.io/nvidia/tritonserver:24.08-py3
                benchmarks:
                  - {hardware: %3$s, batchSize: 4, p99LatencyMs: 6, throughputRps: 700}
                """.formatted(fleet.model, sha, fleet.t4));
        CliRunner.Result register = ok("variants", "register", "-f", file.toString());
        assertEquals("registering [------------------------------] 0/2 variants\n"
                + "registering [###############---------------] 1/2 variants\n"
                + "registering [##############################] 2/2 variants\n", register.err());
        JsonNode variants = readJson(viewer().get("/api/v1/models/" + fleet.model + "/variants").then()
                .statusCode(200).extract().asString()).path("items");
        assertEquals(4, variants.size());
        List<String> lines = register.out().lines().toList();
        assertEquals(3, lines.size(), register.out());
        assertEquals(List.of("2.0.0", "INT8", "QUANTIZATION,PRUNING", "ONNX", "74.5", fleet.t4),
                cells(lines.get(1)).subList(2, 8));
        assertEquals(List.of("2.0.0", "FP16", "-", "ONNX", "-", fleet.t4), cells(lines.get(2)).subList(2, 8));
        // The same file again: the first variant is a duplicate, nothing more is sent.
        CliRunner.Result again = cli.run("variants", "register", "-f", file.toString());
        assertEquals(ExitCodes.API_ERROR, again.status(), again.toString());
        assertTrue(again.err().contains("variant 1 of 2 (model " + fleet.model + ", version 2.0.0, INT8) was"
                + " refused; 0 registered before it\nerror: "), again.err());
        assertTrue(again.err().contains("(HTTP 409 "), again.err());
    }

    private CliRunner.Result ok(String... args) {
        CliRunner.Result r = cli.run(args);
        assertEquals(0, r.status(), r.toString());
        return r;
    }

    /** A table row's cells: columns are three or more spaces apart, and no cell holds three spaces. */
    static List<String> cells(String line) {
        return Arrays.asList(line.strip().split(" {3,}"));
    }

    /** The cells of the row whose first cell is {@code first}. */
    static List<String> row(String table, String first) {
        return table.lines().map(CliEndToEndTest::cells).filter(c -> c.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first + " in\n" + table));
    }

    static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
