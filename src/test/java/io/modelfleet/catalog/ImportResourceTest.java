package io.modelfleet.catalog;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportResourceTest {

    private static String yaml(String hw, String model, String sha) {
        return """
                hardwareProfiles:
                  - name: %1$s
                    accelerator: CPU
                    vcpus: 4
                    memoryGiB: 8
                    precisions: [FP32, INT8]
                    offerings: [{region: us-east-1, capacityType: ON_DEMAND, hourlyPriceUsd: 0.17}]
                models:
                  - name: %2$s
                    task: image-classification
                    accuracyMetric: top1
                    variants:
                      - version: 1.0.0
                        precision: INT8
                        compression: [QUANTIZATION]
                        artifactUri: s3://bucket/int8.onnx
                        artifactSha256: %3$s
                        sizeBytes: 24759000
                        format: ONNX
                        image: openvino/model_server:2024.4
                        accuracy: 75.92
                        benchmarks:
                          - {hardware: %1$s, batchSize: 1, p99LatencyMs: 12.5, throughputRps: 81, vcpusPerReplica: 4, memoryGiBPerReplica: 2}
                """.formatted(hw, model, sha);
    }

    @Test
    void yamlImportIsAnIdempotentUpsert() {
        String hw = unique("cpu");
        String model = unique("m");
        String body = yaml(hw, model, "b".repeat(64));
        operator().contentType("application/yaml").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import").then().statusCode(200)
                .body("hardwareProfiles.created", equalTo(1)).body("models.created", equalTo(1))
                .body("variants.created", equalTo(1));
        operator().contentType("application/yaml").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import").then().statusCode(200)
                .body("hardwareProfiles.unchanged", equalTo(1)).body("models.unchanged", equalTo(1))
                .body("variants.unchanged", equalTo(1));
        viewer().get("/api/v1/models/" + model + "/variants").then().body("total", equalTo(1))
                .body("items[0].revision", equalTo(0))
                .body("items[0].benchmarks[0].vcpusPerReplica", equalTo(4.0f));
    }

    @Test
    void oneBadVariantRejectsTheWholeImportNamingItsPath() {
        String hw = unique("cpu");
        String model = unique("m");
        operator().contentType("application/yaml").body(yaml(hw, model, "nothex").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("models[0].variants[0].artifactSha256"));
        viewer().get("/api/v1/hardware-profiles/" + hw).then().statusCode(404);
        viewer().get("/api/v1/models/" + model).then().statusCode(404);
    }

    @Test
    void badHardwareInAnImportNamesItsIndex() {
        String body = """
                {"hardwareProfiles": [{"name": "ok-%s", "accelerator": "CPU", "vcpus": 4, "memoryGiB": 8,
                  "precisions": ["FP32"]}, {"name": "bad-%s", "accelerator": "CPU", "vcpus": 0, "memoryGiB": 8,
                  "precisions": ["FP32"]}]}""".formatted(unique("a"), unique("b"));
        operator().body(body).post("/api/v1/import").then().statusCode(400)
                .body("errors[0].field", equalTo("hardwareProfiles[1].vcpus"));
    }

    @Test
    void aHardwareProfileWithoutANameIsA400NamingTheFieldNotA500() {
        String body = """
                {"hardwareProfiles": [{"accelerator": "CPU", "vcpus": 4, "memoryGiB": 8, "precisions": ["FP32"]}]}""";
        operator().body(body).post("/api/v1/import").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("hardwareProfiles[0].name"))
                .body("errors[0].message", equalTo("is required"));
    }
}
