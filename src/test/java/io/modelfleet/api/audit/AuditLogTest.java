package io.modelfleet.api.audit;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.anonymous;
import static io.modelfleet.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.rollout.RolloutEngine;
import io.modelfleet.testing.Api;
import io.modelfleet.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit log through the API: every kind of write is recorded exactly once with its fields, refusals as
 * refused, nothing secret is ever stored, only admins read it, and the table itself refuses to be rewritten.
 * Each test names its resources uniquely, so the rows it asserts on are its own whatever other classes wrote.
 */
@QuarkusTest
class AuditLogTest {

    private static final String ADMIN_ACTOR = "bootstrap-admin";

    @Inject
    Pool pool;

    @Inject
    RolloutEngine engine;

    @Inject
    AuditRetention retention;

    @Inject
    Clock clock;

    /** A token of the given role with a known name; the secret is returned. */
    private static String token(String name, String role) {
        return admin().body(Map.of("name", name, "role", role)).post("/api/v1/tokens").then().statusCode(201)
                .extract().path("token");
    }

    private static RequestSpecification with(String secret) {
        return given().auth().oauth2(secret).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static List<Map<String, Object>> audit(String resource) {
        return admin().queryParam("resource", resource).queryParam("size", 500).get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    private static Map<String, Object> only(String resource) {
        List<Map<String, Object>> rows = audit(resource);
        assertEquals(1, rows.size(), "rows for " + resource + ": " + rows);
        return rows.get(0);
    }

    private static long etag(Response response) {
        return Long.parseLong(response.getHeader("ETag").replace("\"", ""));
    }

    private static Long number(Map<String, Object> row, String field) {
        Object value = row.get(field);
        return value == null ? null : ((Number) value).longValue();
    }

    /** Every field of a request's row; {@code outcome} follows from the status. */
    private static void assertRow(Map<String, Object> row, String actor, String role, String method, String path,
            String kind, String name, String action, Long before, Long after, int status) {
        assertEquals(actor, row.get("actor"), "actor of " + row);
        assertEquals(role, row.get("role"), "role of " + row);
        assertEquals(method, row.get("method"), "method of " + row);
        assertEquals(path, row.get("path"), "path of " + row);
        assertEquals(kind, row.get("resourceKind"), "kind of " + row);
        assertEquals(name, row.get("resourceName"), "name of " + row);
        assertEquals(action, row.get("action"), "action of " + row);
        assertEquals(before, number(row, "revisionBefore"), "revision before of " + row);
        assertEquals(after, number(row, "revisionAfter"), "revision after of " + row);
        assertEquals(status, ((Number) row.get("status")).intValue(), "status of " + row);
        assertEquals(status >= 400 ? "REFUSED" : "SUCCEEDED", row.get("outcome"), "outcome of " + row);
        assertNotNull(row.get("at"));
    }

    private static Map<String, Object> cpuBenchmark(String hardware, int batchSize) {
        return Map.of("hardware", hardware, "batchSize", batchSize, "p99LatencyMs", 20, "throughputRps", 200,
                "acceleratorsPerReplica", 0, "vcpusPerReplica", 2, "memoryGiBPerReplica", 2, "source", "MEASURED");
    }

    private static Map<String, Object> cpuVariant(String precision, String hardware) {
        Map<String, Object> body = new HashMap<>(Fixtures.variant(precision, hardware));
        body.put("benchmarks", List.of(cpuBenchmark(hardware, 8)));
        return body;
    }

    @Test
    void everyKindOfWriteAppearsExactlyOnceWithItsFields() {
        String op = unique("audit-op");
        String opSecret = token(op, "OPERATOR");
        String opId = admin().get("/api/v1/tokens?size=500").then().extract().jsonPath()
                .getString("items.find { it.name == '" + op + "' }.id");
        assertRow(only("token/" + opId), ADMIN_ACTOR, "admin", "POST", "/api/v1/tokens", "token", opId, "create",
                null, null, 201);

        // Hardware profile: create, then replace.
        String cpu = unique("cpu");
        String profilePath = "/api/v1/hardware-profiles/" + cpu;
        long p1 = etag(with(opSecret).body(Fixtures.cpuProfile(0.17)).put(profilePath).then().statusCode(201)
                .extract().response());
        assertRow(only("hardware-profile/" + cpu), op, "operator", "PUT", profilePath, "hardware-profile", cpu, "put",
                null, p1, 201);
        long p2 = etag(with(opSecret).body(Fixtures.cpuProfile(0.18)).put(profilePath).then().statusCode(200)
                .extract().response());
        assertEquals(p1 + 1, p2);
        List<Map<String, Object>> profileRows = audit("hardware-profile/" + cpu);
        assertEquals(2, profileRows.size());
        assertRow(profileRows.get(0), op, "operator", "PUT", profilePath, "hardware-profile", cpu, "put", p1, p2, 200);

        // Model: create, replace.
        String model = unique("m");
        String modelPath = "/api/v1/models/" + model;
        long m1 = etag(with(opSecret).body(Fixtures.model()).put(modelPath).then().statusCode(201).extract()
                .response());
        long m2 = etag(with(opSecret).body(Map.of("task", "image-classification", "accuracyMetric", "top5"))
                .put(modelPath).then().statusCode(200).extract().response());
        List<Map<String, Object>> modelRows = audit("model/" + model);
        assertEquals(2, modelRows.size());
        assertRow(modelRows.get(1), op, "operator", "PUT", modelPath, "model", model, "put", null, m1, 201);
        assertRow(modelRows.get(0), op, "operator", "PUT", modelPath, "model", model, "put", m1, m2, 200);

        // Variant: create (its id only in Location), replace, add benchmarks; a second one deleted.
        Response created = with(opSecret).body(cpuVariant("INT8", cpu)).post(modelPath + "/variants").then()
                .statusCode(201).extract().response();
        String variant = created.path("id");
        String variantPath = modelPath + "/variants/" + variant;
        long v1 = etag(created);
        Map<String, Object> changed = cpuVariant("INT8", cpu);
        changed.put("accuracy", 75.5);
        long v2 = etag(with(opSecret).body(changed).put(variantPath).then().statusCode(200).extract().response());
        long v3 = etag(with(opSecret).body(Map.of("benchmarks", List.of(cpuBenchmark(cpu, 16))))
                .post(variantPath + "/benchmarks").then().statusCode(200).extract().response());
        List<Map<String, Object>> variantRows = audit("variant/" + model + "/" + variant);
        assertEquals(3, variantRows.size(), variantRows.toString());
        assertRow(variantRows.get(2), op, "operator", "POST", modelPath + "/variants", "variant",
                model + "/" + variant, "create", null, v1, 201);
        assertRow(variantRows.get(1), op, "operator", "PUT", variantPath, "variant", model + "/" + variant, "put",
                v1, v2, 200);
        assertRow(variantRows.get(0), op, "operator", "POST", variantPath + "/benchmarks", "variant",
                model + "/" + variant, "benchmarks", v2, v3, 200);
        String doomed = with(opSecret).body(cpuVariant("FP32", cpu)).post(modelPath + "/variants").then()
                .statusCode(201).extract().path("id");
        long d1 = etag(with(opSecret).get(modelPath + "/variants/" + doomed).then().extract().response());
        with(opSecret).delete(modelPath + "/variants/" + doomed).then().statusCode(204);
        List<Map<String, Object>> doomedRows = audit("variant/" + model + "/" + doomed);
        assertEquals(2, doomedRows.size());
        assertRow(doomedRows.get(0), op, "operator", "DELETE", modelPath + "/variants/" + doomed, "variant",
                model + "/" + doomed, "delete", d1, null, 204);

        // Cluster and deployment.
        String cluster = unique("c");
        String clusterPath = "/api/v1/clusters/" + cluster;
        long c1 = etag(with(opSecret).body(Fixtures.cluster("us-east-1", cpu)).put(clusterPath).then()
                .statusCode(201).extract().response());
        assertRow(only("cluster/" + cluster), op, "operator", "PUT", clusterPath, "cluster", cluster, "put", null,
                c1, 201);
        String deployment = unique("d");
        String deploymentPath = "/api/v1/deployments/" + deployment;
        long dep1 = etag(with(opSecret).body(Map.of("model", model, "version", "1.0.0", "slo",
                Map.of("p99LatencyMs", 50), "demand", List.of(Map.of("cluster", cluster, "rps", 200))))
                .put(deploymentPath).then().statusCode(201).extract().response());
        assertRow(only("deployment/" + deployment), op, "operator", "PUT", deploymentPath, "deployment", deployment,
                "put", null, dep1, 201);

        // Upgrade (it makes a plan: the row says which), plan, rollout and every rollout action.
        String upgradePlan = with(opSecret).body(Map.of("version", "1.0.0")).post(deploymentPath + "/upgrade").then()
                .statusCode(201).extract().path("plan.id");
        List<Map<String, Object>> deploymentRows = audit("deployment/" + deployment);
        assertEquals(2, deploymentRows.size());
        assertRow(deploymentRows.get(0), op, "operator", "POST", deploymentPath + "/upgrade", "deployment",
                deployment, "upgrade", null, null, 201);
        assertEquals("created /api/v1/plans/" + upgradePlan, deploymentRows.get(0).get("detail"));
        String plan = with(opSecret).body(Map.of("deployments", List.of(deployment))).post("/api/v1/plans").then()
                .statusCode(201).extract().path("id");
        assertRow(only("plan/" + plan), op, "operator", "POST", "/api/v1/plans", "plan", plan, "create", null, null,
                201);
        String rollout = with(opSecret).body(Map.of("planId", plan)).post("/api/v1/rollouts").then().statusCode(201)
                .extract().path("id");
        String rolloutPath = "/api/v1/rollouts/" + rollout;
        with(opSecret).post(rolloutPath + "/pause").then().statusCode(200);
        with(opSecret).post(rolloutPath + "/resume").then().statusCode(200);
        with(opSecret).post(rolloutPath + "/abort").then().statusCode(200);
        admin().body(Map.of("reason", "audit test")).post(rolloutPath + "/force-end").then().statusCode(200);
        List<Map<String, Object>> rolloutRows = audit("rollout/" + rollout);
        assertEquals(5, rolloutRows.size(), rolloutRows.toString());
        assertRow(rolloutRows.get(4), op, "operator", "POST", "/api/v1/rollouts", "rollout", rollout, "create", null,
                null, 201);
        assertRow(rolloutRows.get(3), op, "operator", "POST", rolloutPath + "/pause", "rollout", rollout, "pause",
                null, null, 200);
        assertRow(rolloutRows.get(2), op, "operator", "POST", rolloutPath + "/resume", "rollout", rollout, "resume",
                null, null, 200);
        assertRow(rolloutRows.get(1), op, "operator", "POST", rolloutPath + "/abort", "rollout", rollout, "abort",
                null, null, 200);
        assertRow(rolloutRows.get(0), ADMIN_ACTOR, "admin", "POST", rolloutPath + "/force-end", "rollout", rollout,
                "force-end", null, null, 200);

        // Catalog import, price refresh, quotas.
        String imported = unique("cpu");
        Map<String, Object> importedProfile = new HashMap<>(Fixtures.cpuProfile(0.2));
        importedProfile.put("name", imported);
        with(opSecret).body(Map.of("hardwareProfiles", List.of(importedProfile), "models", List.of()))
                .post("/api/v1/import").then().statusCode(200);
        List<Map<String, Object>> imports = admin().queryParam("resource", "catalog").queryParam("actor", op)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(1, imports.size());
        assertRow(imports.get(0), op, "operator", "POST", "/api/v1/import", "catalog", null, "import", null, null,
                200);
        int priceStatus = with(opSecret).post("/api/v1/pricing/refresh?region=xx-test-1").statusCode();
        List<Map<String, Object>> prices = admin().queryParam("resource", "pricing").queryParam("actor", op)
                .get("/api/v1/audit").then().extract().jsonPath().getList("items");
        assertEquals(1, prices.size());
        assertRow(prices.get(0), op, "operator", "POST", "/api/v1/pricing/refresh", "pricing", null, "refresh", null,
                null, priceStatus);

        // Deletes at the end: deployment, cluster; and the operator's token revoked by the admin.
        with(opSecret).delete(deploymentPath).then().statusCode(204);
        assertRow(audit("deployment/" + deployment).get(0), op, "operator", "DELETE", deploymentPath, "deployment",
                deployment, "delete", dep1, null, 204);
        with(opSecret).delete(clusterPath).then().statusCode(204);
        assertRow(audit("cluster/" + cluster).get(0), op, "operator", "DELETE", clusterPath, "cluster", cluster,
                "delete", c1, null, 204);
        admin().delete("/api/v1/tokens/" + opId).then().statusCode(204);
        List<Map<String, Object>> tokenRows = audit("token/" + opId);
        assertEquals(2, tokenRows.size());
        assertRow(tokenRows.get(0), ADMIN_ACTOR, "admin", "DELETE", "/api/v1/tokens/" + opId, "token", opId,
                "revoke", null, null, 204);
    }

    @Test
    void aRefusedWriteAppearsOnceAsRefusedAndChangedNothing() {
        String viewer = unique("audit-viewer");
        String viewerSecret = token(viewer, "VIEWER");

        // 400: nothing is created.
        String bad = unique("bad");
        admin().body(Map.of("accelerator", "NOPE")).put("/api/v1/hardware-profiles/" + bad).then()
                .statusCode(400);
        Map<String, Object> invalid = only("hardware-profile/" + bad);
        assertRow(invalid, ADMIN_ACTOR, "admin", "PUT", "/api/v1/hardware-profiles/" + bad, "hardware-profile", bad,
                "put", null, null, 400);
        assertTrue(((String) invalid.get("detail")).startsWith("validation"), invalid.toString());
        admin().get("/api/v1/hardware-profiles/" + bad).then().statusCode(404);

        // 404.
        String missing = unique("m");
        admin().delete("/api/v1/models/" + missing).then().statusCode(404);
        Map<String, Object> notFound = only("model/" + missing);
        assertRow(notFound, ADMIN_ACTOR, "admin", "DELETE", "/api/v1/models/" + missing, "model", missing, "delete",
                null, null, 404);
        assertEquals("not-found", notFound.get("detail"));

        // 409 and 412 on an existing profile: its revision is the same before and after, and unchanged.
        String cpu = unique("cpu");
        long rev = etag(admin().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then()
                .statusCode(201).extract().response());
        String model = unique("m");
        admin().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        admin().body(cpuVariant("INT8", cpu)).post("/api/v1/models/" + model + "/variants").then().statusCode(201);
        admin().delete("/api/v1/hardware-profiles/" + cpu).then().statusCode(409);
        admin().header("If-Match", "\"" + (rev + 7) + "\"").body(Fixtures.cpuProfile(0.5))
                .put("/api/v1/hardware-profiles/" + cpu).then().statusCode(412);
        List<Map<String, Object>> rows = audit("hardware-profile/" + cpu);
        assertEquals(3, rows.size(), rows.toString());
        assertRow(rows.get(1), ADMIN_ACTOR, "admin", "DELETE", "/api/v1/hardware-profiles/" + cpu,
                "hardware-profile", cpu, "delete", rev, rev, 409);
        assertEquals("conflict", rows.get(1).get("detail"));
        assertRow(rows.get(0), ADMIN_ACTOR, "admin", "PUT", "/api/v1/hardware-profiles/" + cpu, "hardware-profile",
                cpu, "put", rev, rev, 412);
        assertEquals("precondition-failed", rows.get(0).get("detail"));
        assertEquals(rev, etag(admin().get("/api/v1/hardware-profiles/" + cpu).then().statusCode(200).extract()
                .response()));

        // 403 (a viewer writing), 401 without a token and with an unknown one: no identity, so no actor.
        String forbidden = unique("m");
        with(viewerSecret).body(Fixtures.model()).put("/api/v1/models/" + forbidden).then().statusCode(403);
        assertRow(only("model/" + forbidden), viewer, "viewer", "PUT", "/api/v1/models/" + forbidden, "model",
                forbidden, "put", null, null, 403);
        anonymous().body(Fixtures.model()).put("/api/v1/models/" + forbidden + "-anon").then().statusCode(401);
        assertRow(only("model/" + forbidden + "-anon"), null, null, "PUT", "/api/v1/models/" + forbidden + "-anon",
                "model", forbidden + "-anon", "put", null, null, 401);
        with("not-a-token-" + UUID.randomUUID()).delete("/api/v1/models/" + forbidden).then().statusCode(401);
        assertRow(audit("model/" + forbidden).get(0), null, null, "DELETE", "/api/v1/models/" + forbidden, "model",
                forbidden, "delete", null, null, 401);
        admin().get("/api/v1/models/" + forbidden).then().statusCode(404);

        // A refused rollout action carries its action too.
        String unknownRollout = UUID.randomUUID().toString();
        admin().post("/api/v1/rollouts/" + unknownRollout + "/pause").then().statusCode(404);
        assertRow(only("rollout/" + unknownRollout), ADMIN_ACTOR, "admin", "POST",
                "/api/v1/rollouts/" + unknownRollout + "/pause", "rollout", unknownRollout, "pause", null, null, 404);
    }

    @Test
    void aBodyRefusedBeforeTheRestLayerIsRecordedToo() throws InterruptedException {
        String model = unique("m");
        // Over modelfleet.api.max-body-bytes (1 MiB): 413 from the route filter, before any resource runs.
        admin().body("{\"task\": \"" + "x".repeat(1_100_000) + "\"}").put("/api/v1/models/" + model).then()
                .statusCode(413);
        // This row is written as the response ends, not before it is sent: wait for it.
        List<Map<String, Object>> rows = audit("model/" + model);
        for (int i = 0; i < 50 && rows.isEmpty(); i++) {
            Thread.sleep(100);
            rows = audit("model/" + model);
        }
        assertEquals(1, rows.size(), rows.toString());
        assertRow(rows.get(0), ADMIN_ACTOR, "admin", "PUT", "/api/v1/models/" + model, "model", model, "put", null,
                null, 413);
    }

    @Test
    void requestsNoResourceAnswersAreRecordedExactlyOnce() throws InterruptedException {
        String model = unique("m");
        admin().contentType("text/plain").body("hello").put("/api/v1/models/" + model).then().statusCode(415);
        String nowhere = unique("nowhere");
        admin().post("/api/v1/" + nowhere).then().statusCode(404);
        // Whichever of the two recording paths took them, each has one row (none of them waits for the other).
        Thread.sleep(300);
        assertRow(only("model/" + model), ADMIN_ACTOR, "admin", "PUT", "/api/v1/models/" + model, "model", model,
                "put", null, null, 415);
        assertRow(only(nowhere), ADMIN_ACTOR, "admin", "POST", "/api/v1/" + nowhere, nowhere, null, "post", null,
                null, 404);
    }

    @Test
    void aWriteSentToAnotherSpellingOfItsPathIsRecordedUnderTheCanonicalOne() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String prefix : List.of("/api/%761/models/", "/./api/v1/models/", "/api/x/../v1/models/",
                "/api/v1/./models/")) {
            String model = unique("m");
            HttpRequest put = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + prefix + model))
                    .header("Authorization", "Bearer " + Api.ADMIN_TOKEN).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON_MODEL)).build();
            assertEquals(201, http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode(), prefix);
            assertRow(only("model/" + model), ADMIN_ACTOR, "admin", "PUT", "/api/v1/models/" + model, "model", model,
                    "put", null, 0L, 201);
        }
    }

    private static final String JSON_MODEL = "{\"task\":\"image-classification\",\"accuracyMetric\":\"top1\"}";

    @TestHTTPResource("/")
    URL root;

    @Test
    void theOpenApiDocumentDescribesTheAuditEndpointAndItsFilters() {
        List<String> parameters = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getList("paths.'/api/v1/audit'.get.parameters.name");
        assertEquals(List.of("actor", "page", "resource", "since", "size", "until"),
                parameters.stream().sorted().toList());
    }

    @Test
    void viewersAndOperatorsAreForbiddenTheAuditLog() {
        with(token(unique("audit-v"), "VIEWER")).get("/api/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
        with(token(unique("audit-o"), "OPERATOR")).get("/api/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
        anonymous().get("/api/v1/audit").then().statusCode(401);
        admin().get("/api/v1/audit").then().statusCode(200);
    }

    @Test
    void noSecretAppearsInAnyRecord() {
        String name = unique("audit-secret");
        String secret = token(name, "ADMIN");
        String credentialsRef = "env:MODELFLEET_CLUSTER_AUDIT_" + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        String cpu = unique("cpu");
        with(secret).body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        String cluster = unique("c");
        with(secret).body(Map.of("region", "us-east-1", "target", Map.of("type", "KUBERNETES", "apiServer",
                "https://api." + cluster + ".example:6443", "namespace", cluster, "credentialsRef", credentialsRef),
                "nodePools", List.of(Map.of("name", "cpu", "hardware", cpu, "capacityType", "ON_DEMAND",
                        "maxNodes", 2)))).put("/api/v1/clusters/" + cluster).then().statusCode(201);
        String wrongSecret = "wrong-" + UUID.randomUUID();
        with(wrongSecret).delete("/api/v1/clusters/" + cluster).then().statusCode(401);
        // The secret in a body where it does not belong: refused, and still not copied.
        with(secret).body(Map.of("name", secret)).put("/api/v1/models/" + unique("m")).then().statusCode(400);
        assertEquals(2, audit("cluster/" + cluster).size());

        List<String> secrets = List.of(secret, wrongSecret, credentialsRef, Api.ADMIN_TOKEN,
                Api.token(Api.As.OPERATOR));
        List<String> rows = new ArrayList<>();
        pool.query("SELECT a::text AS row FROM audit_log a").execute().await().indefinitely()
                .forEach(r -> rows.add(r.getString("row")));
        assertTrue(rows.size() >= 5, "rows: " + rows.size());
        for (String row : rows) {
            for (String s : secrets) {
                assertFalse(row.contains(s), "audit row holds a secret: " + row);
            }
        }
    }

    @Test
    void theFiltersSelectAndBadValuesAreRefusedNamingTheParameter() {
        String op = unique("audit-f");
        String opSecret = token(op, "OPERATOR");
        String model = unique("m");
        with(opSecret).body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        with(opSecret).body(Fixtures.model()).put("/api/v1/models/" + model + "-2").then().statusCode(201);
        with(opSecret).delete("/api/v1/models/" + model).then().statusCode(204);

        var mine = admin().queryParam("actor", op).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(3, mine.getInt("total"));
        assertEquals(List.of("DELETE", "PUT", "PUT"), mine.getList("items.method"));
        assertEquals(List.of(model, model + "-2", model), mine.getList("items.resourceName"));
        var page = admin().queryParam("actor", op).queryParam("size", 1).queryParam("page", 1).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, page.getInt("total"));
        assertEquals(List.of(model + "-2"), page.getList("items.resourceName"));
        List<String> kinds = admin().queryParam("resource", "model").queryParam("size", 500).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items.resourceKind");
        assertFalse(kinds.isEmpty());
        assertTrue(kinds.stream().allMatch("model"::equals), kinds.toString());

        String first = mine.getString("items[2].at");
        String last = mine.getString("items[0].at");
        assertEquals(2, admin().queryParam("actor", op).queryParam("since", first).queryParam("until", last)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getInt("total"),
                "since is inclusive, until exclusive");
        assertEquals(0, admin().queryParam("actor", op).queryParam("since",
                OffsetDateTime.parse(last).plusSeconds(1).toString()).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getInt("total"));

        admin().queryParam("since", "yesterday").get("/api/v1/audit").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("since"));
        admin().queryParam("since", last).queryParam("until", first).get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("until"));
        admin().queryParam("actor", "a\u0000b").get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("query.actor"));
        admin().queryParam("resource", "/x").get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("resource"));
        admin().queryParam("size", "0").get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void theTableRefusesUpdateDeleteAndTruncate() {
        admin().delete("/api/v1/models/" + unique("m")).then().statusCode(404);
        long id = pool.query("SELECT max(id) AS id FROM audit_log").execute().await().indefinitely().iterator().next()
                .getLong("id");
        for (String statement : List.of("UPDATE audit_log SET detail = 'rewritten' WHERE id = " + id,
                "DELETE FROM audit_log WHERE id = " + id, "TRUNCATE audit_log")) {
            Throwable refused = assertThrows(RuntimeException.class,
                    () -> pool.query(statement).execute().await().indefinitely(), statement);
            assertTrue(refused.getMessage().contains("audit_log is append-only"), refused.getMessage());
        }
        // The purge's own setting, set by hand, does not open the table: no row younger than a day is deleted.
        Throwable bypass = assertThrows(RuntimeException.class, () -> pool.withConnection(c -> c
                .query("SELECT set_config('modelfleet.audit_purge_before', 'infinity', false)").execute()
                .chain(() -> c.query("DELETE FROM audit_log WHERE id = " + id).execute())).await().indefinitely());
        assertTrue(bypass.getMessage().contains("audit_log is append-only"), bypass.getMessage());
        long purged = pool.query("SELECT audit_log_purge('infinity') AS n").execute().await().indefinitely()
                .iterator().next().getLong("n");
        assertTrue(purged >= 0);
        Row row = pool.preparedQuery("SELECT detail FROM audit_log WHERE id = $1").execute(Tuple.of(id)).await()
                .indefinitely().iterator().next();
        assertEquals("not-found", row.getString("detail"), "a purge with a cutoff in the future keeps the last day");
    }

    @Test
    void retentionPurgesOnlyRowsOlderThanItKeeps() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        String marker = unique("retention");
        for (Duration age : List.of(Duration.ofDays(91), Duration.ofDays(120), Duration.ofDays(89))) {
            AuditLog.append(pool, AuditEntry.engineAction(now.minus(age), "test:" + marker, "test", marker,
                    "create", "aged " + age.toDays() + " days")).await().indefinitely();
        }
        assertEquals(2L, retention.purge().await().indefinitely());
        List<String> left = new ArrayList<>();
        pool.preparedQuery("SELECT detail FROM audit_log WHERE actor = $1").execute(Tuple.of("test:" + marker))
                .await().indefinitely().forEach(r -> left.add(r.getString("detail")));
        assertEquals(List.of("aged 89 days"), left);
        assertEquals(0L, retention.purge().await().indefinitely(), "nothing more is old enough");
    }

    @Test
    void aRetirementTheEngineStartsIsRecordedUnderItsOwnActor() {
        String cpu = unique("cpu");
        admin().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        String cluster = unique("c");
        admin().body(Fixtures.cluster("us-east-1", cpu)).put("/api/v1/clusters/" + cluster).then().statusCode(201);
        // As left by a rollout of a deployment that has since been deleted.
        String gone = unique("d");
        pool.preparedQuery("INSERT INTO running_placement (deployment, cluster, rollout_id, plan_id, variant_id,"
                + " precision, hardware, pool, replicas, hourly_cost_usd, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, 'INT8', $6, 'pool-a', 1, 0.17, now())")
                .execute(Tuple.from(List.of(gone, cluster, UUID.randomUUID(), UUID.randomUUID(),
                        UUID.randomUUID().toString(), cpu)))
                .await().indefinitely();
        engine.runOnce();
        List<Map<String, Object>> rows = admin().queryParam("actor", "modelfleet:retirement").queryParam("size", 500)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items");
        List<Map<String, Object>> mine = rows.stream()
                .filter(r -> ((String) r.get("detail")).contains("'" + gone + "'")).toList();
        assertEquals(1, mine.size(), rows.toString());
        Map<String, Object> row = mine.get(0);
        assertEquals("rollout", row.get("resourceKind"));
        assertEquals("create", row.get("action"));
        assertEquals("SUCCEEDED", row.get("outcome"));
        assertNull(row.get("role"));
        assertNull(row.get("method"));
        assertNull(row.get("status"));
        admin().get("/api/v1/rollouts/" + row.get("resourceName")).then().statusCode(200)
                .body("kind", equalTo("RETIREMENT"));
    }
}
