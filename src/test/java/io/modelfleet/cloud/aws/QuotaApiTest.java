package io.modelfleet.cloud.aws;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Quotas through the API, and their effect on a plan made through the API: two clusters of one account in
 * sa-east-1, one deployment of 500 rps each. g6.2xlarge (8 vCPU, 1 GPU, 0.9 $/h) serves it with 1 replica
 * (1,000 rps): 0.9 $/h; c7a.large (2 vCPU, 0.25 $/h) needs 500/100 = 5 replicas of 2 vCPU = 5 nodes = 1.25 $/h.
 * Without a quota both deployments take a GPU node: 1.8 $/h. With a G-and-VT quota of 8 vCPUs only one GPU
 * node fits in the account and region: 0.9 + 1.25 = 2.15 $/h, and the quota is reported binding (8 of 8).
 */
@QuarkusTest
class QuotaApiTest {

    private static final String REGION = "sa-east-1";

    @Inject
    FakeServiceQuotaSource aws;

    @Test
    void aQuotaSetByHandBindsThePlanOfItsAccountAndRegion() {
        String account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        operator().body(Map.of("accelerator", "NVIDIA_L4", "acceleratorCount", 1, "acceleratorMemoryGiB", 24,
                "resourceName", "nvidia.com/gpu", "vcpus", 8, "memoryGiB", 32, "precisions", List.of("INT8"),
                "offerings", List.of(Map.of("region", REGION, "capacityType", "ON_DEMAND", "hourlyPriceUsd", 0.9))))
                .put("/api/v1/hardware-profiles/g6.2xlarge").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        operator().body(Map.of("accelerator", "CPU", "vcpus", 2, "memoryGiB", 4, "precisions", List.of("INT8"),
                "offerings", List.of(Map.of("region", REGION, "capacityType", "ON_DEMAND", "hourlyPriceUsd", 0.25))))
                .put("/api/v1/hardware-profiles/c7a.large").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String model = unique("m");
        operator().body(Map.of("task", "t", "accuracyMetric", "top1")).put("/api/v1/models/" + model).then()
                .statusCode(201);
        operator().body(Map.of("version", "1", "precision", "INT8", "artifactUri", "s3://b/k",
                "artifactSha256", "c".repeat(64), "sizeBytes", 1000, "format", "ONNX", "image", "i",
                "benchmarks", List.of(
                        Map.of("hardware", "g6.2xlarge", "batchSize", 1, "p99LatencyMs", 2, "throughputRps", 1000),
                        Map.of("hardware", "c7a.large", "batchSize", 1, "p99LatencyMs", 5, "throughputRps", 100,
                                "vcpusPerReplica", 2, "memoryGiBPerReplica", 2))))
                .post("/api/v1/models/" + model + "/variants").then().statusCode(201);
        List<String> deployments = List.of(unique("a"), unique("b"));
        for (String d : deployments) {
            String cluster = unique("k");
            operator().body(Map.of("region", REGION, "accountId", account, "nodePools", List.of(
                    Map.of("name", "gpu", "hardware", "g6.2xlarge", "capacityType", "ON_DEMAND", "maxNodes", 5),
                    Map.of("name", "cpu", "hardware", "c7a.large", "capacityType", "ON_DEMAND", "maxNodes", 10))))
                    .put("/api/v1/clusters/" + cluster).then().statusCode(201).body("accountId", equalTo(account));
            operator().body(Map.of("model", model, "version", "1", "slo", Map.of("p99LatencyMs", 20),
                    "demand", List.of(Map.of("cluster", cluster, "rps", 500)))).put("/api/v1/deployments/" + d)
                    .then().statusCode(201);
        }
        operator().body(Map.of("deployments", deployments)).post("/api/v1/plans").then().statusCode(201)
                .body("totalHourlyCostUsd", equalTo(1.8f));
        operator().body(Map.of("limitVcpus", 8, "accountId", account)).put("/api/v1/quotas/" + REGION + "/L-DB2E81BA")
                .then().statusCode(200).body("source", equalTo("MANUAL"))
                .body("name", equalTo("Running On-Demand G and VT instances"));
        operator().body(Map.of("deployments", deployments)).post("/api/v1/plans").then().statusCode(201)
                .body("totalHourlyCostUsd", equalTo(2.15f))
                .body("quotas[0].code", equalTo("L-DB2E81BA"))
                .body("quotas[0].usedVcpus", equalTo(8))
                .body("quotas[0].binding", equalTo(true));
        operator().delete("/api/v1/quotas/" + REGION + "/L-DB2E81BA?accountId=" + account).then().statusCode(204);
    }

    @Test
    void quotasAreValidatedAndCanBeReadFromAws() {
        operator().body(Map.of("limitVcpus", -1)).put("/api/v1/quotas/" + REGION + "/L-NOPE").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("code", "limitVcpus"));
        aws.limits.put("L-1945791B", 96.0);
        operator().post("/api/v1/quotas/refresh?region=eu-north-1").then().statusCode(200)
                .body("[0].code", equalTo("L-1945791B")).body("[0].limitVcpus", equalTo(96.0f))
                .body("[0].source", equalTo("AWS"));
        viewer().get("/api/v1/quotas").then().statusCode(200).body("code", hasItem("L-1945791B"));
        operator().post("/api/v1/quotas/refresh").then().statusCode(400).body("errors[0].field", equalTo("region"));
    }
}
