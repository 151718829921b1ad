package io.modelfleet.catalog;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VariantResourceTest {

    private String t4;
    private String cpu;
    private String model;

    @BeforeEach
    void catalog() {
        t4 = unique("t4");
        cpu = unique("cpu");
        model = unique("resnet");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
    }

    private String variants() {
        return "/api/v1/models/" + model + "/variants";
    }

    @Test
    void registerReturns201WithIdAndReadsBack() {
        String id = operator().body(Fixtures.variant("INT8", t4)).post(variants()).then().statusCode(201)
                .header("Location", containsString(variants() + "/")).extract().path("id");
        viewer().get(variants() + "/" + id).then().statusCode(200)
                .body("model", equalTo(model)).body("precision", equalTo("INT8"))
                .body("compression", contains("QUANTIZATION"))
                .body("artifactSha256", equalTo("a".repeat(64)))
                .body("benchmarks[0].hardware", equalTo(t4))
                .body("benchmarks[0].p99LatencyMs", equalTo(7.1f))
                .body("benchmarks[0].throughputRps", equalTo(1800.0f))
                .body("benchmarks[0].acceleratorsPerReplica", equalTo(1));
        viewer().get("/api/v1/models/" + model).then().body("variantCount", equalTo(1));
    }

    @Test
    void perReplicaDefaultsDependOnTheHardware() {
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", t4));
        body.put("benchmarks", List.of(Map.of("hardware", t4, "batchSize", 1, "p99LatencyMs", 1.2,
                "throughputRps", 965.6), Map.of("hardware", cpu, "batchSize", 1, "p99LatencyMs", 12,
                        "throughputRps", 80)));
        operator().body(body).post(variants()).then().statusCode(201)
                .body("benchmarks[0].acceleratorsPerReplica", equalTo(1))
                .body("benchmarks[1].acceleratorsPerReplica", equalTo(0))
                .body("benchmarks[1].vcpusPerReplica", equalTo(1.0f))
                .body("benchmarks[1].memoryGiBPerReplica", equalTo(1.0f))
                .body("benchmarks[1].source", equalTo("MEASURED"));
    }

    @Test
    void bf16OnT4IsRejectedNamingWhatItRuns() {
        operator().body(Fixtures.variant("BF16", t4)).post(variants()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("benchmarks[0].hardware"))
                .body("errors[0].message", equalTo("hardware '" + t4
                        + "' does not run BF16 natively; it runs FP32, FP16, INT8"));
        viewer().get(variants()).then().body("total", equalTo(0));
    }

    @Test
    void unknownPrecisionIsRejected() {
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", t4));
        body.put("precision", "INT4");
        operator().body(body).post(variants()).then().statusCode(400)
                .body("errors[0].field", equalTo("precision"))
                .body("errors[0].message", equalTo("unknown value 'INT4'; expected one of FP32, BF16, FP16, INT8"));
    }

    @Test
    void sha256MustBe64Hex() {
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", t4));
        body.put("artifactSha256", "xyz");
        operator().body(body).post(variants()).then().statusCode(400)
                .body("errors[0].field", equalTo("artifactSha256"))
                .body("errors[0].message", containsString("64 hexadecimal characters"));
        body.put("artifactSha256", "g".repeat(64));
        operator().body(body).post(variants()).then().statusCode(400)
                .body("errors[0].field", equalTo("artifactSha256"));
    }

    @Test
    void latencyAndThroughputMustBePositive() {
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", t4));
        body.put("benchmarks", List.of(Map.of("hardware", t4, "batchSize", 8, "p99LatencyMs", 0,
                "throughputRps", -5)));
        operator().body(body).post(variants()).then().statusCode(400)
                .body("errors.field", contains("benchmarks[0].p99LatencyMs", "benchmarks[0].throughputRps"))
                .body("errors[0].message", equalTo("must be greater than 0, was 0"))
                .body("errors[1].message", equalTo("must be greater than 0, was -5"));
    }

    @Test
    void nanIsMalformedJson() {
        String body = "{\"version\":\"1.0.0\",\"precision\":\"INT8\",\"artifactUri\":\"s3://b/k\",\"artifactSha256\":\""
                + "a".repeat(64) + "\",\"sizeBytes\":1,\"format\":\"ONNX\",\"image\":\"i\",\"accuracy\":NaN}";
        operator().body(body).post(variants()).then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed body"));
    }

    @Test
    void malformedJsonIs400() {
        operator().body("{\"version\": ").post(variants()).then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Malformed body"));
    }

    @Test
    void wrongTypeNamesTheField() {
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", t4));
        body.put("sizeBytes", "big");
        operator().body(body).post(variants()).then().statusCode(400)
                .body("errors[0].field", equalTo("sizeBytes"));
    }

    @Test
    void unknownHardwareInBenchmarkIsRejectedAndNothingIsWritten() {
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", t4));
        body.put("benchmarks", List.of(Fixtures.benchmark(t4), Fixtures.benchmark("no-such-hardware")));
        operator().body(body).post(variants()).then().statusCode(400)
                .body("errors[0].field", equalTo("benchmarks[1].hardware"))
                .body("errors[0].message", equalTo("no hardware profile named 'no-such-hardware'"));
        viewer().get(variants()).then().body("total", equalTo(0));
    }

    @Test
    void acceleratorsOnCpuAreRejected() {
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", cpu));
        operator().body(body).post(variants()).then().statusCode(400)
                .body("errors[0].field", equalTo("benchmarks[0].acceleratorsPerReplica"));
    }

    @Test
    void sameNaturalKeyTwiceIs409() {
        operator().body(Fixtures.variant("INT8", t4)).post(variants()).then().statusCode(201);
        operator().body(Fixtures.variant("INT8", t4)).post(variants()).then().statusCode(409)
                .body("detail", containsString("already exists with id"));
    }

    @Test
    void replaceDeleteAndAddBenchmarks() {
        String id = operator().body(Fixtures.variant("INT8", t4)).post(variants()).then().statusCode(201)
                .extract().path("id");
        Map<String, Object> changed = new HashMap<>(Fixtures.variant("INT8", t4));
        changed.put("accuracy", 75.5);
        operator().body(changed).header("If-Match", "\"0\"").put(variants() + "/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("accuracy", equalTo(75.5f));
        operator().body(Map.of("benchmarks", List.of(Map.of("hardware", cpu, "batchSize", 1, "p99LatencyMs", 14,
                "throughputRps", 80, "acceleratorsPerReplica", 0)))).post(variants() + "/" + id + "/benchmarks")
                .then().statusCode(200).body("benchmarks", hasSize(2)).body("benchmarks[1].hardware", equalTo(cpu));
        operator().body(Map.of("benchmarks", List.of(Fixtures.benchmark(t4))))
                .post(variants() + "/" + id + "/benchmarks").then().statusCode(409)
                .body("detail", containsString("already has a benchmark on " + t4 + " at batch size 8"));
        operator().header("If-Match", "\"0\"").delete(variants() + "/" + id).then().statusCode(412);
        operator().delete(variants() + "/" + id).then().statusCode(204);
        viewer().get(variants() + "/" + id).then().statusCode(404);
    }

    @Test
    void hardwareStillMeasuredCannotBeDeleted() {
        String id = operator().body(Fixtures.variant("INT8", t4)).post(variants()).then().statusCode(201)
                .extract().path("id");
        operator().delete("/api/v1/hardware-profiles/" + t4).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("hardware profile '" + t4 + "' is still referenced by variant " + model
                        + " 1.0.0 INT8 (" + id + ")"));
        viewer().get("/api/v1/hardware-profiles/" + t4).then().statusCode(200);
    }

    @Test
    void deletingAModelDeletesItsVariants() {
        String id = operator().body(Fixtures.variant("INT8", t4)).post(variants()).then().statusCode(201)
                .extract().path("id");
        operator().delete("/api/v1/models/" + model).then().statusCode(204);
        viewer().get(variants() + "/" + id).then().statusCode(404);
        operator().delete("/api/v1/hardware-profiles/" + t4).then().statusCode(204);
    }

    @Test
    void variantsOfAnUnknownModelAre404() {
        viewer().get("/api/v1/models/" + unique("none") + "/variants").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
