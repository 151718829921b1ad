package io.modelfleet.profiling;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Design 007, B7 end to end: a plan places a pair on its measured CPU row and suggests profiling the never
 * benchmarked T4, whose roofline estimate is cheaper (ProfilingSuggestionsTest has the arithmetic: $0.526 against
 * $1.70); one call starts the run for it on the pair's cluster, measuring batch 1 and the suggested batch.
 */
@QuarkusTest
class PlanProfilingTest {

    private static final Map<String, Object> INPUT = Map.of("name", "x", "shape", List.of(64), "datatype", "FP32");

    @Test
    void oneCallProfilesWhatThePlanSuggestsAndASecondSkipsTheActiveRun() {
        String t4 = unique("t4");
        String cpu = unique("cpu");
        String model = unique("resnet");
        String cluster = unique("c");
        String deployment = unique("d");
        Map<String, Object> profile = new HashMap<>(Fixtures.t4Profile());
        profile.put("peakTeraOps", Map.of("INT8", 130));
        profile.put("memoryBandwidthGBps", 320);
        operator().body(profile).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        Map<String, Object> variant = new HashMap<>(Fixtures.variant("INT8", cpu));
        variant.put("flopsPerInference", 8.18e9);
        variant.put("benchmarks", List.of(Map.of("hardware", cpu, "batchSize", 1, "p99LatencyMs", 50,
                "throughputRps", 25, "vcpusPerReplica", 1, "memoryGiBPerReplica", 1)));
        String variantId = operator().body(variant).post("/api/v1/models/" + model + "/variants").then()
                .statusCode(201).extract().path("id");
        operator().body(Map.of("region", "us-east-1", "target", Map.of("type", "GITOPS"), "nodePools", List.of(
                Map.of("name", "cpu", "hardware", cpu, "capacityType", "ON_DEMAND", "maxNodes", 20),
                Map.of("name", "t4", "hardware", t4, "capacityType", "ON_DEMAND", "maxNodes", 10))))
                .put("/api/v1/clusters/" + cluster).then().statusCode(201);
        operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 60),
                "demand", List.of(Map.of("cluster", cluster, "rps", 1000))))
                .put("/api/v1/deployments/" + deployment).then().statusCode(201);
        JsonPath plan = operator().body(Map.of("deployments", List.of(deployment))).post("/api/v1/plans").then()
                .statusCode(201).extract().jsonPath();
        assertEquals(cpu, plan.getString("placements[0].hardware"));
        assertEquals(List.of(t4), plan.getList("profilingSuggestions.hardware"));
        assertEquals(1.7f, plan.getFloat("profilingSuggestions[0].chosenHourlyCostUsd"), 1e-6);
        assertEquals(0.526f, plan.getFloat("profilingSuggestions[0].estimatedHourlyCostUsd"), 1e-6);
        String path = "/api/v1/plans/" + plan.getString("id") + "/profiling-runs";

        operator().body(Map.of("batchSizes", List.of(0), "input", INPUT)).post(path).then().statusCode(400);
        operator().body(Map.of()).post(path).then().statusCode(400).body("detail", containsString("input"));

        operator().body(Map.of("input", INPUT, "durationSeconds", 5)).post(path).then().statusCode(201)
                .body("runs", hasSize(1)).body("skipped", hasSize(0))
                .body("runs[0].variantId", equalTo(variantId)).body("runs[0].hardware", equalTo(t4))
                .body("runs[0].cluster", equalTo(cluster)).body("runs[0].pool", equalTo("t4"))
                .body("runs[0].batchSizes", contains(1)).body("runs[0].state", equalTo("PENDING"));
        operator().body(Map.of("input", INPUT)).post(path).then().statusCode(200).body("runs", hasSize(0))
                .body("skipped", hasSize(1)).body("skipped[0].hardware", equalTo(t4))
                .body("skipped[0].reason", containsString("already"));
        operator().body(Map.of("input", INPUT)).post("/api/v1/plans/" + UUID.randomUUID() + "/profiling-runs")
                .then().statusCode(404);
    }
}
