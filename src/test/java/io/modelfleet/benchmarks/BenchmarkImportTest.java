package io.modelfleet.benchmarks;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.token;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.modelfleet.testing.Api;
import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Design 007, B1 (all or nothing), B2 (idempotent, replace by key) and B3 (a row per operating point), over HTTP. */
@QuarkusTest
class BenchmarkImportTest {

    /** A perf_analyzer -f sweep at concurrency 1, 2 and 4; latencies in microseconds as the tool writes them. */
    static final String SWEEP = """
            Concurrency,Inferences/Second,Client Send,Network+Server Send/Recv,Server Queue,Server Compute Input,\
            Server Compute Infer,Server Compute Output,Client Recv,p50 latency,p90 latency,p95 latency,p99 latency
            1,180.2,41,812,35,22,4310,18,6,5210,5640,5820,6100
            2,330.5,44,850,790,24,4380,19,6,5980,6610,6900,7300
            4,420,47,905,4620,25,4410,19,7,9800,11900,12300,12900
            """;

    private String cpu;
    private String model;
    private String variant;

    @BeforeEach
    void catalog() {
        cpu = unique("cpu");
        model = unique("resnet");
        operator().body(Fixtures.cpuProfile(0.1785)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", cpu));
        body.put("benchmarks", List.of());
        variant = operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
    }

    private String imports() {
        return "/api/v1/models/" + model + "/variants/" + variant + "/benchmarks/import";
    }

    private ValidatableResponse importCsv(String csv, String query) {
        return given().auth().oauth2(token(Api.As.OPERATOR)).contentType("text/csv").accept("application/json")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post(imports() + "?" + query).then();
    }

    @Test
    void everyLineOfASweepBecomesAnImportedRowWithItsProvenance() {
        importCsv(SWEEP, "format=perf_analyzer&hardware=" + cpu + "&vcpusPerReplica=2&memoryGiBPerReplica=2")
                .statusCode(201)
                .body("created", equalTo(3)).body("replaced", equalTo(0)).body("unchanged", equalTo(false))
                .body("tool", equalTo("perf_analyzer")).body("fileSha256", equalTo(sha256(SWEEP)))
                .body("rows.concurrency", contains(1, 2, 4))
                .body("rows.batchSize", contains(1, 1, 1))
                .body("rows.p99LatencyMs", contains(6.1f, 7.3f, 12.9f))
                .body("rows.throughputRps", contains(180.2f, 330.5f, 420.0f))
                .body("rows.source", contains("IMPORTED", "IMPORTED", "IMPORTED"))
                .body("rows.vcpusPerReplica", contains(2.0f, 2.0f, 2.0f))
                .body("rows[1].provenance.line", equalTo(3))
                .body("rows[1].provenance.fileSha256", equalTo(sha256(SWEEP)))
                .body("notes", hasSize(1)).body("notes[0]", containsString("batch size 1 assumed"));
        viewer().get("/api/v1/models/" + model + "/variants/" + variant).then().statusCode(200)
                .body("benchmarks", hasSize(3))
                .body("benchmarks.concurrency", contains(1, 2, 4))
                .body("benchmarks[2].provenance.tool", equalTo("perf_analyzer"))
                .body("benchmarks[2].provenance.origin", containsString("4"));
    }

    @Test
    void theSameFileTwiceChangesNothingAndANewMeasurementReplacesByKey() {
        String query = "format=perf_analyzer&hardware=" + cpu + "&batchSize=8";
        importCsv(SWEEP, query).statusCode(201).body("created", equalTo(3));
        long revision = revision();
        importCsv(SWEEP, query).statusCode(200).body("unchanged", equalTo(true)).body("created", equalTo(0))
                .body("rows", hasSize(3)).body("rows.batchSize", contains(8, 8, 8));
        assertEquals(revision, revision());

        String remeasured = SWEEP.replace("4,420,", "4,455.5,");
        importCsv(remeasured, query).statusCode(201).body("created", equalTo(0)).body("replaced", equalTo(3))
                .body("rows[2].throughputRps", equalTo(455.5f));
        viewer().get("/api/v1/models/" + model + "/variants/" + variant).then()
                .body("benchmarks", hasSize(3)).body("benchmarks[2].throughputRps", equalTo(455.5f))
                .body("benchmarks[0].provenance.fileSha256", equalTo(sha256(remeasured)));
    }

    @Test
    void aMalformedLineIsNamedAndNothingIsWritten() {
        String broken = SWEEP.replace("2,330.5,44,850,790,24,4380,19,6,5980,6610,6900,7300",
                "2,330.5,44,850,790,24,4380,19,6,5980,6610,6900,abc");
        importCsv(broken, "format=perf_analyzer&hardware=" + cpu).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", startsWith("line 3, column 13"))
                .body("detail", containsString("abc"));
        viewer().get("/api/v1/models/" + model + "/variants/" + variant).then().body("benchmarks", hasSize(0));
    }

    @Test
    void badRequestsAreNamedProblems() {
        importCsv(SWEEP, "format=perf_analyzer").statusCode(400).body("errors[0].field", equalTo("hardware"));
        importCsv(SWEEP, "format=perf_analyzer&hardware=" + unique("nope")).statusCode(400)
                .body("errors[0].field", equalTo("hardware"))
                .body("detail", containsString("no hardware profile named"));
        importCsv(SWEEP, "format=nvprof&hardware=" + cpu).statusCode(400).body("errors[0].field", equalTo("format"))
                .body("detail", containsString("perf_analyzer, mlperf, model_analyzer, sagemaker"));
        importCsv("", "format=perf_analyzer&hardware=" + cpu).statusCode(400).body("detail", containsString("empty"));
        importCsv(SWEEP, "format=perf_analyzer&hardware=" + cpu + "&batchSize=eight").statusCode(400)
                .body("errors[0].field", equalTo("batchSize"));
        given().auth().oauth2(token(Api.As.VIEWER)).contentType("text/csv").body(SWEEP)
                .post(imports() + "?format=perf_analyzer&hardware=" + cpu).then().statusCode(403);
        given().auth().oauth2(token(Api.As.OPERATOR)).contentType("text/csv").body(SWEEP)
                .post("/api/v1/models/" + model + "/variants/00000000-0000-0000-0000-000000000000/benchmarks/import"
                        + "?format=perf_analyzer&hardware=" + cpu).then().statusCode(404);
        viewer().get("/api/v1/models/" + model + "/variants/" + variant).then().body("benchmarks", hasSize(0));
    }

    @Test
    void anInvalidMlperfResultIsRefusedWithItsReason() {
        String summary = """
                ================================================
                MLPerf Results Summary
                ================================================
                SUT name : ModelFleet-ResNet50-INT8
                Scenario : Offline
                Mode     : PerformanceOnly
                Samples per second: 412.7
                Result is : INVALID
                  Min duration satisfied : NO
                  Min queries satisfied : Yes
                  Early stopping satisfied: Yes
                Recommendations:
                 * Increase expected QPS so the loadgen pre-generates a larger (coalesced) query.
                """;
        given().auth().oauth2(token(Api.As.OPERATOR)).contentType("text/plain").body(summary)
                .post(imports() + "?format=mlperf&hardware=" + cpu).then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("INVALID"))
                .body("detail", containsString("Min duration"));
        viewer().get("/api/v1/models/" + model + "/variants/" + variant).then().body("benchmarks", hasSize(0));
    }

    @Test
    void aSageMakerAnswerNamesTheHardwareAndItsTextObeysTheApisRules() {
        String job = """
                {"JobName": "fz", "Status": "COMPLETED", "InferenceRecommendations": [{"RecommendationId": "r/0",
                 "Metrics": {"CostPerHour": 0.1785, "CostPerInference": 1.0e-7, "MaxInvocations": 15000,
                             "ModelLatency": 9},
                 "EndpointConfiguration": {"EndpointName": "e", "VariantName": "v", "InstanceType": "ml.%s",
                                           "InitialInstanceCount": 2}}]}
                """.formatted(cpu);
        given().auth().oauth2(token(Api.As.OPERATOR)).contentType("application/json")
                .body(job.replace("\"e\"", "\"e\\u0000\"")).post(imports()).then().statusCode(400)
                .body("errors[0].field", equalTo("InferenceRecommendations[0].EndpointConfiguration.EndpointName"));
        given().auth().oauth2(token(Api.As.OPERATOR)).contentType("application/json")
                .body(job.replace("\"fz\"", "\"" + "j".repeat(5000) + "\"")).post(imports()).then().statusCode(400)
                .body("errors[0].field", equalTo("JobName"));
        given().auth().oauth2(token(Api.As.OPERATOR)).contentType("application/json")
                .body(job.replace("\"v\"", "[1]")).post(imports()).then().statusCode(400)
                .body("errors[0].field", equalTo("InferenceRecommendations[0].EndpointConfiguration.VariantName"));
        given().auth().oauth2(token(Api.As.OPERATOR)).contentType("application/json")
                .body(job.replace("1.0e-7", "[[1], [2]]")).post(imports()).then().statusCode(400)
                .body("errors[0].field", equalTo("InferenceRecommendations[0].Metrics.CostPerInference"));
        viewer().get("/api/v1/models/" + model + "/variants/" + variant).then().body("benchmarks", hasSize(0));
        given().auth().oauth2(token(Api.As.OPERATOR)).contentType("application/json")
                .body(job.replace("ml." + cpu, "ml.p4d.24xlarge")).post(imports()).then().statusCode(400)
                .body("errors[0].field", equalTo("record 1 (ml.p4d.24xlarge x2)"))
                .body("errors[0].message", containsString("no hardware profile named 'p4d.24xlarge'"));
        // Detected without format=, the hardware from InstanceType; 15000 per minute over 2 instances is 125/s each.
        given().auth().oauth2(token(Api.As.OPERATOR)).contentType("application/json").body(job).post(imports())
                .then().statusCode(201).body("format", equalTo("sagemaker"))
                .body("rows.hardware", contains(cpu)).body("rows[0].throughputRps", equalTo(125.0f))
                .body("rows[0].p99LatencyMs", equalTo(9.0f));
    }

    @Test
    void reloadingTheCatalogFileKeepsImportedRows() {
        String m = unique("m");
        String yaml = """
                models:
                  - name: %1$s
                    task: image-classification
                    accuracyMetric: top1
                    variants:
                      - version: 1.0.0
                        precision: INT8
                        compression: [QUANTIZATION]
                        artifactUri: s3://bucket/int8.onnx
                        artifactSha256: %2$s
                        sizeBytes: 24759000
                        format: ONNX
                        image: openvino/model_server:2024.4
                        benchmarks:
                          - {hardware: %3$s, batchSize: 1, p99LatencyMs: 50, throughputRps: 20, source: ESTIMATED}
                          - {hardware: %3$s, batchSize: 8, p99LatencyMs: 90, throughputRps: 60, source: ESTIMATED}
                """.formatted(m, "c".repeat(64), cpu);
        operator().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).post("/api/v1/import")
                .then().statusCode(200).body("variants.created", equalTo(1));
        String id = viewer().get("/api/v1/models/" + m + "/variants").then().extract().path("items[0].id");
        given().auth().oauth2(token(Api.As.OPERATOR)).contentType("text/csv").body(SWEEP)
                .post("/api/v1/models/" + m + "/variants/" + id + "/benchmarks/import?format=perf_analyzer&hardware="
                        + cpu).then().statusCode(201).body("created", equalTo(2)).body("replaced", equalTo(1));
        // The same catalog file again (as every start does with profiles/): the measured rows stay, the file's
        // estimate for batch 1 at concurrency 1 gives way to the measurement of that key.
        operator().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).post("/api/v1/import")
                .then().statusCode(200).body("variants.unchanged", equalTo(1));
        viewer().get("/api/v1/models/" + m + "/variants/" + id).then()
                .body("benchmarks.source", contains("IMPORTED", "ESTIMATED", "IMPORTED", "IMPORTED"))
                .body("benchmarks.batchSize", contains(1, 8, 1, 1))
                .body("benchmarks.concurrency", contains(1, 1, 2, 4))
                .body("benchmarks[0].p99LatencyMs", equalTo(6.1f));
    }

    private long revision() {
        return ((Number) viewer().get("/api/v1/models/" + model + "/variants/" + variant).then().extract()
                .path("revision")).longValue();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
