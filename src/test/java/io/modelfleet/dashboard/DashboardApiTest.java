package io.modelfleet.dashboard;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dashboard's endpoints through the real API, on fleets small enough to compute by hand. */
@QuarkusTest
class DashboardApiTest {

    /** Numbers as doubles: JsonPath's default reads decimals as floats. */
    private static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    @Inject
    Pool pool;

    /**
     * The hardening headers are on answers that end before the API (the 413 of the body-size limit, a 401, the
     * redirect of /), not only on pages: the header filter runs before every other filter.
     */
    @Test
    void theHardeningHeadersAreOnErrorsAndRedirectsToo() {
        java.util.List<io.restassured.response.Response> answers = List.of(
                operator().body("{\"models\": \"" + "x".repeat(1_100_000) + "\"}").post("/api/v1/import"),
                io.restassured.RestAssured.given().get("/api/v1/models"),
                io.restassured.RestAssured.given().redirects().follow(false).get("/"),
                viewer().get("/api/v1/plans/" + UUID.randomUUID() + "/nodes"));
        assertEquals(List.of(413, 401, 303, 404), answers.stream().map(io.restassured.response.Response::statusCode)
                .toList());
        for (io.restassured.response.Response r : answers) {
            assertEquals("nosniff", r.header("X-Content-Type-Options"));
            assertEquals("no-referrer", r.header("Referrer-Policy"));
            assertEquals("DENY", r.header("X-Frame-Options"));
            assertEquals(true, r.header("Content-Security-Policy").startsWith("default-src 'self'; script-src 'self';"),
                    r.header("Content-Security-Policy"));
        }
    }

    @Test
    void meNamesTheCallersTokenAndItsHighestRole() {
        viewer().get("/api/v1/me").then().statusCode(200).body("role", equalTo("viewer"))
                .body("name", startsWith("viewer-"));
        operator().get("/api/v1/me").then().statusCode(200).body("role", equalTo("operator"))
                .body("name", startsWith("operator-"));
        admin().get("/api/v1/me").then().statusCode(200).body("role", equalTo("admin"));
    }

    @Test
    void thePlansNodesCarryTheirUseInPercentAndAnUnknownPlanIs404() {
        String t4 = unique("t4");
        String model = unique("m");
        String cluster = unique("c");
        String deployment = unique("d");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        operator().body(Fixtures.variant("INT8", t4)).post("/api/v1/models/" + model + "/variants").then()
                .statusCode(201);
        operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + cluster).then().statusCode(201);
        // 3000 rps / 1800 per replica: 2 replicas, one T4 each, so 2 nodes.
        operator().body(Fixtures.deployment(model, cluster, 3000)).put("/api/v1/deployments/" + deployment).then()
                .statusCode(201);
        String plan = operator().body(Map.of("deployments", List.of(deployment))).post("/api/v1/plans").then()
                .statusCode(201).extract().path("id");

        JsonPath nodes = viewer().get("/api/v1/plans/" + plan + "/nodes").then().statusCode(200).extract()
                .jsonPath().using(EXACT);
        assertEquals(plan, nodes.getString("planId"));
        assertEquals(2, nodes.getList("nodes").size());
        for (int i = 0; i < 2; i++) {
            String n = "nodes[" + i + "].";
            assertEquals(i, nodes.getInt(n + "index"));
            assertEquals(t4, nodes.getString(n + "hardware"));
            assertEquals(0.526, nodes.getDouble(n + "hourlyPriceUsd"));
            // One replica: 1 of 1 GPU, 2 of 4 vCPUs, 4 of 16 GiB.
            assertEquals(100.0, nodes.getDouble(n + "acceleratorPercent"));
            assertEquals(50.0, nodes.getDouble(n + "vcpuPercent"));
            assertEquals(25.0, nodes.getDouble(n + "memoryPercent"));
            assertEquals(deployment, nodes.getString(n + "replicas[0].deployment"));
            assertEquals(1, nodes.getInt(n + "replicas[0].replicas"));
        }

        UUID unknown = UUID.randomUUID();
        viewer().get("/api/v1/plans/" + unknown + "/nodes").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no plan " + unknown));
        // As everywhere in the API, an id that is no UUID names no resource.
        viewer().get("/api/v1/plans/not-a-uuid/nodes").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no such resource: /api/v1/plans/not-a-uuid/nodes"));
    }

    @Test
    void theFrontierPricesEachBenchmarkRowAtTheCheapestOffering() {
        String t4 = unique("t4");
        String cpu = unique("cpu");
        String model = unique("m");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        Map<String, Object> variant = new HashMap<>(Fixtures.variant("INT8", t4));
        variant.put("benchmarks", List.of(Fixtures.benchmark(t4), Map.of("hardware", cpu, "batchSize", 1,
                "p99LatencyMs", 40, "throughputRps", 25, "vcpusPerReplica", 2, "memoryGiBPerReplica", 2,
                "source", "ESTIMATED")));
        operator().body(variant).post("/api/v1/models/" + model + "/variants").then().statusCode(201);

        JsonPath frontier = viewer().get("/api/v1/catalog/frontier").then().statusCode(200).extract()
                .jsonPath().using(EXACT);
        List<Map<String, Object>> models = frontier.getList("models");
        Map<String, Object> mine = models.stream().filter(m -> model.equals(m.get("model"))).findFirst().orElseThrow();
        assertEquals("top1", mine.get("accuracyMetric"));
        List<Map<String, Object>> points = (List<Map<String, Object>>) mine.get("points");
        assertEquals(2, points.size());
        Map<String, Object> gpu = points.stream().filter(p -> t4.equals(p.get("hardware"))).findFirst().orElseThrow();
        Map<String, Object> cpuRow = points.stream().filter(p -> cpu.equals(p.get("hardware"))).findFirst().orElseThrow();
        // T4: share 1 (1 of 1 GPU); 0.526 / (1800 x 3600) x 1e6 = 0.0811728... -> 0.081173.
        assertEquals(0.081173, ((Number) gpu.get("costPerMillionUsd")).doubleValue());
        assertEquals("MEASURED", gpu.get("source"));
        // CPU (4 vCPUs, 8 GiB): share max(2/4, 2/8) = 0.5; 0.5 x 0.17 / (25 x 3600) x 1e6 = 0.944444... -> 0.944444.
        assertEquals(0.5, ((Number) cpuRow.get("replicaShare")).doubleValue());
        assertEquals(0.944444, ((Number) cpuRow.get("costPerMillionUsd")).doubleValue());
        assertEquals("ESTIMATED", cpuRow.get("source"));
        assertEquals(true, gpu.get("onFrontier"));
        assertEquals(false, cpuRow.get("onFrontier"), "as accurate and dearer");
        assertNull(gpu.get("note"));
    }

    @Test
    void runningListsWhatTheLastRolloutsLeftAndTheirExactTotal() {
        String a = unique("run-a");
        String b = unique("run-b");
        insertRunning(a, "c1", 0.526);
        insertRunning(b, "c1", 0.17);
        insertRunning(b, "c2", 0.0001);

        JsonPath running = viewer().get("/api/v1/fleet/running").then().statusCode(200).extract()
                .jsonPath().using(EXACT);
        List<Map<String, Object>> placements = running.getList("placements");
        List<Map<String, Object>> mine = placements.stream().filter(p -> String.valueOf(p.get("deployment"))
                .startsWith("run-")).filter(p -> List.of(a, b).contains(p.get("deployment"))).toList();
        assertEquals(3, mine.size());
        assertEquals(List.of(a + "/c1", b + "/c1", b + "/c2"), mine.stream()
                .map(p -> p.get("deployment") + "/" + p.get("cluster")).toList(), "by deployment, then cluster");
        BigDecimal sum = placements.stream().map(p -> new BigDecimal(String.valueOf(p.get("hourlyCostUsd"))))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(sum.doubleValue(), running.getDouble("totalHourlyCostUsd"));
    }

    private void insertRunning(String deployment, String cluster, double cost) {
        pool.preparedQuery("INSERT INTO running_placement (deployment, cluster, rollout_id, plan_id, variant_id,"
                + " precision, hardware, pool, replicas, hourly_cost_usd, updated_at) VALUES ($1, $2, $3, $4, $5,"
                + " 'INT8', 'g4dn.xlarge', 'gpu', 1, $6, $7)").execute(Tuple.tuple(List.of(deployment, cluster,
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID().toString(), cost, OffsetDateTime.now())))
                .await().indefinitely();
    }
}
