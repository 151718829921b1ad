package io.modelfleet.plans;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /plans/{id}/alternatives on PlanResourceTest's catalog: t4 ($0.526/h) and cpu ($0.17/h, 4 vCPU, 8 GiB);
 * INT8 on t4 (batch 8, 1800 rps) and cpu (batch 1, 200 rps, 2 vCPU, 2 GiB per replica); FP32 on t4 only (600 rps).
 * At 3000 rps within 20 ms the pair has four options: INT8 on gpu chosen (2 nodes, $1.052/h); INT8 on cpu
 * (15 replicas, 8 nodes, $1.36/h: +$0.308); FP32 on gpu (5 replicas, $2.63/h: +$1.578); FP32 on cpu rejected,
 * NO_BENCHMARK.
 */
@QuarkusTest
class PlanAlternativesTest {

    @Inject
    Pool pool;

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

    private String deployment(String prefix, double rps) {
        String name = unique(prefix);
        operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 20),
                "demand", List.of(Map.of("cluster", cluster, "rps", rps)))).put("/api/v1/deployments/" + name)
                .then().statusCode(201);
        return name;
    }

    private String plan(String... deployments) {
        return operator().body(Map.of("deployments", List.of(deployments))).post("/api/v1/plans").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void optionsComeChosenThenCostlierCheapestFirstThenRejectedWithTheirPair() {
        String d = deployment("d", 3000);
        String id = plan(d);
        viewer().get("/api/v1/plans/" + id + "/alternatives").then().statusCode(200)
                .body("total", equalTo(4)).body("page", equalTo(0)).body("size", equalTo(50))
                .body("items.deployment", contains(d, d, d, d))
                .body("items.cluster", contains(cluster, cluster, cluster, cluster))
                .body("items.outcome", contains("CHOSEN", "COSTLIER", "COSTLIER", "REJECTED"))
                .body("items.variantId", contains(int8, int8, fp32, fp32))
                .body("items.precision", contains("INT8", "INT8", "FP32", "FP32"))
                .body("items.pool", contains("gpu", "cpu", "gpu", "cpu"))
                .body("items.hardware", contains(t4, cpu, t4, cpu))
                .body("items[0].batchSize", equalTo(8)).body("items[0].replicas", equalTo(2))
                .body("items[1].batchSize", equalTo(1)).body("items[1].replicas", equalTo(15))
                .body("items[1].extraHourlyCostUsd", equalTo(0.308f))
                .body("items[1].costBasis", equalTo("EXACT"))
                .body("items[2].replicas", equalTo(5))
                .body("items[2].extraHourlyCostUsd", equalTo(1.578f))
                .body("items[3].rule", equalTo("NO_BENCHMARK"))
                .body("items[3].reason", equalTo("variant was not benchmarked on " + cpu))
                .body("items[0].rule", equalTo(null)).body("items[0].extraHourlyCostUsd", equalTo(null));
    }

    @Test
    void pagesSplitTheOrderedListAndCountItAll() {
        String id = plan(deployment("d", 3000));
        viewer().queryParam("size", 3).get("/api/v1/plans/" + id + "/alternatives").then().statusCode(200)
                .body("total", equalTo(4)).body("items.outcome", contains("CHOSEN", "COSTLIER", "COSTLIER"));
        viewer().queryParam("size", 3).queryParam("page", 1).get("/api/v1/plans/" + id + "/alternatives").then()
                .statusCode(200).body("total", equalTo(4)).body("page", equalTo(1))
                .body("items.outcome", contains("REJECTED"));
        viewer().queryParam("size", 3).queryParam("page", 2).get("/api/v1/plans/" + id + "/alternatives").then()
                .statusCode(200).body("total", equalTo(4)).body("items", hasSize(0));
    }

    @Test
    void pairsComeInDeploymentOrderAndFiltersNarrowToOnePair() {
        String a = deployment("a", 3000);
        String b = deployment("b", 3000);
        String id = plan(b, a);
        JsonPath all = viewer().get("/api/v1/plans/" + id + "/alternatives").then().statusCode(200)
                .body("total", equalTo(8)).extract().jsonPath();
        List<String> deployments = all.getList("items.deployment", String.class);
        assertEquals(List.of(a, a, a, a, b, b, b, b), deployments);
        assertEquals("CHOSEN", all.getString("items[0].outcome"));
        assertEquals("CHOSEN", all.getString("items[4].outcome"));
        viewer().queryParam("deployment", b).get("/api/v1/plans/" + id + "/alternatives").then().statusCode(200)
                .body("total", equalTo(4)).body("items.deployment", contains(b, b, b, b));
        viewer().queryParam("deployment", b).queryParam("cluster", cluster).get("/api/v1/plans/" + id
                + "/alternatives").then().statusCode(200).body("total", equalTo(4));
        viewer().queryParam("cluster", cluster).get("/api/v1/plans/" + id + "/alternatives").then().statusCode(200)
                .body("total", equalTo(8));
    }

    @Test
    void unknownPlansAndPairsAre404ProblemsNamingThem() {
        String d = deployment("d", 3000);
        String id = plan(d);
        UUID missing = UUID.randomUUID();
        viewer().get("/api/v1/plans/" + missing + "/alternatives").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no plan " + missing));
        viewer().queryParam("deployment", "nope").get("/api/v1/plans/" + id + "/alternatives").then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("plan " + id + " has no pair of deployment 'nope'"));
        viewer().queryParam("deployment", d).queryParam("cluster", "elsewhere").get("/api/v1/plans/" + id
                + "/alternatives").then().statusCode(404)
                .body("detail", equalTo("plan " + id + " has no pair of deployment '" + d
                        + "' and on cluster 'elsewhere'"));
        viewer().queryParam("size", "abc").get("/api/v1/plans/" + id + "/alternatives").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void theBodyShowsTheChosenAndThreeCheapestCostlierAndCountsTheRest() {
        // Two pools of each hardware: INT8 on either GPU pool costs the same, so one is chosen and the other is
        // costlier by 0; INT8 on either CPU pool +0.308; FP32 on either GPU pool +1.578; FP32 on CPU: NO_BENCHMARK.
        String wide = unique("wide");
        operator().body(Map.of("region", "us-east-1", "nodePools", List.of(
                Map.of("name", "gpu", "hardware", t4, "capacityType", "ON_DEMAND", "maxNodes", 10),
                Map.of("name", "gpu2", "hardware", t4, "capacityType", "ON_DEMAND", "maxNodes", 10),
                Map.of("name", "cpu", "hardware", cpu, "capacityType", "ON_DEMAND", "maxNodes", 10),
                Map.of("name", "cpu2", "hardware", cpu, "capacityType", "ON_DEMAND", "maxNodes", 10))))
                .put("/api/v1/clusters/" + wide).then().statusCode(201);
        String d = unique("d");
        operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 20),
                "demand", List.of(Map.of("cluster", wide, "rps", 3000)))).put("/api/v1/deployments/" + d)
                .then().statusCode(201);
        JsonPath plan = operator().body(Map.of("deployments", List.of(d))).post("/api/v1/plans").then()
                .statusCode(201)
                .body("alternatives", hasSize(1))
                .body("alternatives[0].deployment", equalTo(d))
                .body("alternatives[0].cluster", equalTo(wide))
                .body("alternatives[0].options.outcome", contains("CHOSEN", "COSTLIER", "COSTLIER", "COSTLIER"))
                .body("alternatives[0].options.extraHourlyCostUsd", contains(null, 0.0f, 0.308f, 0.308f))
                .body("alternatives[0].costlierNotShown", equalTo(2))
                .body("alternatives[0].rejectedByRule", equalTo(Map.of("NO_BENCHMARK", 2)))
                .extract().jsonPath();
        String id = plan.getString("id");
        viewer().get("/api/v1/plans/" + id).then().statusCode(200)
                .body("alternatives[0].costlierNotShown", equalTo(2));
        viewer().get("/api/v1/plans/" + id + "/alternatives").then().statusCode(200)
                .body("total", equalTo(8))
                .body("items.outcome", contains("CHOSEN", "COSTLIER", "COSTLIER", "COSTLIER", "COSTLIER",
                        "COSTLIER", "REJECTED", "REJECTED"))
                .body("items.extraHourlyCostUsd", contains(null, 0.0f, 0.308f, 0.308f, 1.578f, 1.578f, null, null));
    }

    @Test
    void theTinyFleetsBodySummaryHasEveryCostlierOptionAndOneRejection() {
        String d = deployment("d", 3000);
        operator().body(Map.of("deployments", List.of(d))).post("/api/v1/plans").then().statusCode(201)
                .body("alternatives[0].options.outcome", contains("CHOSEN", "COSTLIER", "COSTLIER"))
                .body("alternatives[0].options.pool", contains("gpu", "cpu", "gpu"))
                .body("alternatives[0].options.extraHourlyCostUsd", contains(null, 0.308f, 1.578f))
                .body("alternatives[0].costlierNotShown", equalTo(0))
                .body("alternatives[0].rejectedByRule", equalTo(Map.of("NO_BENCHMARK", 1)));
    }

    @Test
    void aPlanStoredBeforeTheAlternativesTableIsSummarizedOnReadAndPagedFromItsBody() throws Exception {
        String d = deployment("d", 3000);
        String id = plan(d);
        UUID planId = UUID.fromString(id);
        JsonPath served = viewer().get("/api/v1/plans/" + id).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = viewer().get("/api/v1/plans/" + id + "/alternatives").then()
                .statusCode(200).extract().jsonPath().getList("items");
        // Make it a plan stored before V16: every option in its body (as the planner listed them, rejected first
        // here) and no rows of its own.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String result = pool.preparedQuery("SELECT result FROM plan WHERE id = $1").execute(Tuple.of(planId))
                .await().indefinitely().iterator().next().getString("result");
        com.fasterxml.jackson.databind.node.ObjectNode body =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(result);
        com.fasterxml.jackson.databind.node.ArrayNode options = json.createArrayNode();
        for (int i = items.size() - 1; i >= 0; i--) {
            Map<String, Object> option = new HashMap<>(items.get(i));
            option.remove("deployment");
            option.remove("cluster");
            options.add(json.valueToTree(option));
        }
        body.set("alternatives", json.createArrayNode().add(json.createObjectNode().put("deployment", d)
                .put("cluster", cluster).set("options", options)));
        pool.preparedQuery("UPDATE plan SET result = $2 WHERE id = $1")
                .execute(Tuple.of(planId, json.writeValueAsString(body)))
                .await().indefinitely();
        pool.preparedQuery("DELETE FROM plan_alternatives WHERE plan_id = $1").execute(Tuple.of(planId))
                .await().indefinitely();

        JsonPath old = viewer().get("/api/v1/plans/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(served.getList("alternatives"), old.getList("alternatives"));
        List<Object> paged = viewer().get("/api/v1/plans/" + id + "/alternatives").then().statusCode(200)
                .body("total", equalTo(4)).extract().jsonPath().getList("items");
        assertEquals(items, paged);
    }
}
