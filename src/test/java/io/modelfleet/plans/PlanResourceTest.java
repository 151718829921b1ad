package io.modelfleet.plans;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plans through the API on a catalog built through the API. Catalog: t4 ($0.526/h, 1 GPU) and cpu ($0.17/h,
 * 4 vCPU, 8 GiB); model with an INT8 variant benchmarked on t4 (p99 7.1 ms, 1800 rps) and on cpu (p99 12 ms,
 * 200 rps, 2 vCPU, 2 GiB), and an FP32 variant on t4 only (p99 9 ms, 600 rps).
 */
@QuarkusTest
class PlanResourceTest {

    private String t4;
    private String cpu;
    private String model;
    private String cluster;
    private String int8;
    private String fp32;

    @BeforeEach
    void catalog() {
        t4 = unique("t4");
        cpu = unique("cpu");
        model = unique("resnet");
        cluster = unique("prod");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        Map<String, Object> int8Body = new HashMap<>(Fixtures.variant("INT8", t4));
        int8Body.put("benchmarks", List.of(Fixtures.benchmark(t4), Map.of("hardware", cpu, "batchSize", 1,
                "p99LatencyMs", 12, "throughputRps", 200, "acceleratorsPerReplica", 0, "vcpusPerReplica", 2,
                "memoryGiBPerReplica", 2)));
        int8 = operator().body(int8Body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> fp32Body = new HashMap<>(Fixtures.variant("FP32", t4));
        fp32Body.put("compression", List.of());
        fp32Body.put("accuracy", 76.1);
        fp32Body.put("benchmarks", List.of(Map.of("hardware", t4, "batchSize", 8, "p99LatencyMs", 9,
                "throughputRps", 600)));
        fp32 = operator().body(fp32Body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
        operator().body(Map.of("region", "us-east-1", "nodePools", List.of(
                Map.of("name", "gpu", "hardware", t4, "capacityType", "ON_DEMAND", "maxNodes", 10),
                Map.of("name", "cpu", "hardware", cpu, "capacityType", "ON_DEMAND", "maxNodes", 10))))
                .put("/api/v1/clusters/" + cluster).then().statusCode(201);
    }

    private String deployment(double rps, double p99) {
        String name = unique("d");
        operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", p99),
                "demand", List.of(Map.of("cluster", cluster, "rps", rps)))).put("/api/v1/deployments/" + name)
                .then().statusCode(201);
        return name;
    }

    @Test
    void planIsCheapestExplainedStoredAndReadableById() {
        // 3000 rps: INT8 on t4 needs ceil(3000/1800) = 2 replicas = 2 nodes = 1.052; INT8 on cpu 15 replicas,
        // 2 per node = 8 nodes = 1.36; FP32 on t4 5 replicas = 2.63. Cheapest: 1.052.
        // fp32-only: 2.63. single-hardware: t4 (1.052) beats cpu (1.36).
        String d = deployment(3000, 20);
        JsonPath plan = operator().body(Map.of("deployments", List.of(d))).post("/api/v1/plans").then()
                .statusCode(201).header("Location", containsString("/api/v1/plans/"))
                .body("status", equalTo("OPTIMAL"))
                .body("totalHourlyCostUsd", equalTo(1.052f))
                .body("lowerBoundUsd", equalTo(1.052f))
                .body("placements", hasSize(1))
                .body("placements[0].deployment", equalTo(d))
                .body("placements[0].cluster", equalTo(cluster))
                .body("placements[0].variantId", equalTo(int8))
                .body("placements[0].precision", equalTo("INT8"))
                .body("placements[0].hardware", equalTo(t4))
                .body("placements[0].pool", equalTo("gpu"))
                .body("placements[0].batchSize", equalTo(8))
                .body("placements[0].replicas", equalTo(2))
                .body("placements[0].capacityRps", equalTo(3600.0f))
                .body("placements[0].hourlyCostUsd", equalTo(1.052f))
                .body("nodes[0].count", equalTo(2))
                .body("nodes[0].perNode", hasSize(2))
                .body("nodes[0].perNode[0][0].deployment", equalTo(d))
                .body("unplaced", hasSize(0))
                .body("baselines.fp32Only.totalHourlyCostUsd", equalTo(2.63f))
                .body("baselines.singleHardware.totalHourlyCostUsd", equalTo(1.052f))
                .body("alternatives[0].options.outcome", hasItem("CHOSEN"))
                .extract().jsonPath();
        List<Map<String, Object>> options = plan.getList("alternatives[0].options");
        Map<String, Object> cpuOption = options.stream()
                .filter(o -> "cpu".equals(o.get("pool")) && int8.equals(o.get("variantId"))).findFirst()
                .orElseThrow();
        assertEquals("COSTLIER", cpuOption.get("outcome"));
        assertEquals(0.308, ((Number) cpuOption.get("extraHourlyCostUsd")).doubleValue(), 1e-6);
        String id = plan.getString("id");
        JsonPath stored = viewer().get("/api/v1/plans/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(plan.getMap(""), stored.getMap(""));
        viewer().queryParam("size", 500).get("/api/v1/plans").then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void theSameCatalogGivesTheSamePlan() {
        String d = deployment(2500, 15);
        Map<String, Object> body = Map.of("deployments", List.of(d));
        JsonPath first = operator().body(body).post("/api/v1/plans").then().statusCode(201).extract().jsonPath();
        JsonPath second = operator().body(body).post("/api/v1/plans").then().statusCode(201).extract().jsonPath();
        for (String field : List.of("status", "totalHourlyCostUsd", "placements", "nodes", "unplaced",
                "alternatives", "baselines")) {
            assertEquals(first.getString(field), second.getString(field), field);
        }
    }

    @Test
    void withoutNamesEveryDeploymentIsPlanned() {
        String d = deployment(3000, 20);
        JsonPath plan = operator().body(Map.of()).post("/api/v1/plans").then().statusCode(201).extract().jsonPath();
        List<String> planned = plan.getList("deployments", String.class);
        org.junit.jupiter.api.Assertions.assertTrue(planned.contains(d), "all deployments planned: " + planned);
        org.junit.jupiter.api.Assertions.assertTrue(plan.getList("placements.deployment", String.class).contains(d));
    }

    @Test
    void latencyTooTightLeavesThePairUnplacedWithReasons() {
        String d = deployment(100, 5);
        operator().body(Map.of("deployments", List.of(d))).post("/api/v1/plans").then().statusCode(201)
                .body("status", equalTo("INFEASIBLE"))
                .body("totalHourlyCostUsd", equalTo(0.0f))
                .body("unplaced[0].deployment", equalTo(d))
                .body("unplaced[0].reasons", containsInAnyOrder(
                        "LATENCY: INT8 variant " + int8 + " on pool gpu (" + t4 + ") batch 8: p99 7.1 ms > SLO 5 ms",
                        "LATENCY: INT8 variant " + int8 + " on pool cpu (" + cpu + ") batch 1: p99 12 ms > SLO 5 ms",
                        "LATENCY: FP32 variant " + fp32 + " on pool gpu (" + t4 + ") batch 8: p99 9 ms > SLO 5 ms",
                        "NO_BENCHMARK: FP32 variant " + fp32 + " on pool cpu (" + cpu + "): variant was not"
                                + " benchmarked on " + cpu));
    }

    @Test
    void modelVersionWithoutVariantsIsReportedNotAnError() {
        String name = unique("d");
        operator().body(Map.of("model", model, "version", "9.9.9", "slo", Map.of("p99LatencyMs", 20),
                "demand", List.of(Map.of("cluster", cluster, "rps", 10)))).put("/api/v1/deployments/" + name)
                .then().statusCode(201);
        operator().body(Map.of("deployments", List.of(name))).post("/api/v1/plans").then().statusCode(201)
                .body("status", equalTo("INFEASIBLE"))
                .body("unplaced[0].reasons", containsInAnyOrder("NO_VARIANTS: model '" + model
                        + "' version 9.9.9 has no variants"));
    }

    @Test
    void badRequestsAreClear4xx() {
        operator().body(Map.of("deployments", List.of("no-such-deployment"))).post("/api/v1/plans").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("deployments[0]"))
                .body("errors[0].message", equalTo("no deployment named 'no-such-deployment'"));
        String idle = unique("idle");
        operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 20)))
                .put("/api/v1/deployments/" + idle).then().statusCode(201);
        operator().body(Map.of("deployments", List.of(idle))).post("/api/v1/plans").then().statusCode(400)
                .body("detail", equalTo("nothing to plan: deployments " + idle + " have no demand on any cluster"));
        operator().body(Map.of("timeLimitSeconds", 0)).post("/api/v1/plans").then().statusCode(400)
                .body("errors[0].field", equalTo("timeLimitSeconds"));
        operator().body(Map.of("timeLimitSeconds", 100000)).post("/api/v1/plans").then().statusCode(400)
                .body("errors[0].field", equalTo("timeLimitSeconds"));
        viewer().get("/api/v1/plans/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        viewer().body(Map.of()).post("/api/v1/plans").then().statusCode(403);
    }
}
