package io.modelfleet.plans;

import static io.modelfleet.testing.Api.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.testing.SharedPoolFleet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Design 006, I1 through the API: a plan of some deployments counts what the others run as occupying their pools
 * and quotas. Fleet ({@link SharedPoolFleet}): mine needs 400 rps, which is 4 FP16 replicas on 4 gpu nodes
 * (4 x 0.15 = 0.60/h) or 4 INT8 replicas on 2 cpu nodes (2 x 0.40 = 0.80/h); other runs FP16 replicas on gpu.
 */
@QuarkusTest
class FleetAwarePlanTest {

    @Inject
    Pool db;

    @Test
    void anUpgradeOfOneDeploymentNeverExceedsMaxNodesTogetherWithTheOthers() {
        SharedPoolFleet fleet = new SharedPoolFleet(10, false);
        String a = fleet.cluster(6);
        String mine = fleet.deployment(a, 400);
        String other = fleet.deployment(a, 300);

        // Nothing else runs: the gpu pool takes mine's 4 nodes. With other's 3 that would be 7 of 6 (the case a
        // plan blind to the others gets wrong).
        JsonPath alone = plan(List.of(mine));
        assertEquals(0.6f, alone.getFloat("totalHourlyCostUsd"), 1e-6);
        assertEquals(4, gpuNodes(alone, a));
        assertEquals(List.of(), alone.getList("reservations"));

        fleet.runsFp16OnGpu(db, other, a, 3);
        fleet.release("1.1.0");
        try {
            // The plan made while other ran nothing no longer fits beside it: rolling it out is refused.
            operator().body(Map.of("planId", alone.getString("id"))).post("/api/v1/rollouts").then().statusCode(409)
                    .body("detail", org.hamcrest.Matchers.containsString("other deployments hold 3 nodes of pool gpu"
                            + " of " + a + " (0 when the plan was made)"));
            JsonPath planned = operator().body(Map.of("version", "1.1.0")).post("/api/v1/deployments/" + mine
                    + "/upgrade").then().statusCode(201).extract().jsonPath().setRootPath("plan");
            // The upgrade to 1.1.0 (same benchmarks) plans mine alone: 6 - 3 = 3 gpu nodes are left, too few for
            // 4 FP16 replicas; INT8 on cpu fits.
            assertTrue(gpuNodes(planned, a) + 3 <= 6);
            assertEquals(0, gpuNodes(planned, a));
            assertEquals(0.8f, planned.getFloat("totalHourlyCostUsd"), 1e-6);
            assertEquals("cpu", planned.getString("placements[0].pool"));
            assertEquals(List.of(reservation(a, fleet.gpu, 3, 6, 12, other)), planned.getList("reservations"));
            assertEquals(List.of(Map.of("cluster", a, "pool", "cpu", "maxNodes", 10, "plannedNodes", 2,
                    "reservedNodes", 0, "heldByOldNodes", 0, "strategy", "SIDE_BY_SIDE", "peakNodes", 2,
                    "fits", true)), planned.getList("transition.pools"));
            assertEquals(true, planned.getBoolean("transition.fits"));

            // Planning both is the whole fleet: nothing is reserved, and the two share the pool within maxNodes.
            JsonPath both = plan(List.of(mine, other));
            assertEquals(List.of(), both.getList("reservations"));
            assertTrue(gpuNodes(both, a) <= 6);
        } finally {
            SharedPoolFleet.stopsRunning(db, other);
        }
    }

    @Test
    void aPlanNeverExceedsAQuotaTogetherWithTheOthersOnClustersOutsideIt() {
        SharedPoolFleet fleet = new SharedPoolFleet(10, false);
        String a = fleet.cluster(10);
        String b = fleet.cluster(10);
        String mine = fleet.deployment(a, 400);
        String other = fleet.deployment(b, 200);
        fleet.gQuota(20);
        try {
            // 4 gpu nodes = 16 vCPUs of the account's 20. Other's 2 nodes on b (8 vCPUs) would make it 24.
            JsonPath alone = plan(List.of(mine));
            assertEquals(4, gpuNodes(alone, a));
            assertEquals(0.6f, alone.getFloat("totalHourlyCostUsd"), 1e-6);

            fleet.runsFp16OnGpu(db, other, b, 2);
            JsonPath planned = plan(List.of(mine));
            // b has no pair in the plan, but shares the quota: 20 - 8 = 12 vCPUs = 3 gpu nodes, too few for 4.
            assertTrue(gpuNodes(planned, a) * 4 + 8 <= 20);
            assertEquals(0, gpuNodes(planned, a));
            assertEquals(0.8f, planned.getFloat("totalHourlyCostUsd"), 1e-6);
            Map<String, Object> outside = new HashMap<>(reservation(b, fleet.gpu, 2, null, 8, other));
            outside.remove("maxNodes");
            assertEquals(List.of(outside), planned.getList("reservations"));
        } finally {
            SharedPoolFleet.stopsRunning(db, other);
            fleet.dropGQuota();
        }
    }

    @Test
    void aRolloutInProgressHoldsWhatItBringsUp() {
        SharedPoolFleet fleet = new SharedPoolFleet(10, false);
        String a = fleet.cluster(6);
        String mine = fleet.deployment(a, 400);
        String other = fleet.deployment(a, 300);
        // other's plan: 3 FP16 replicas on 3 gpu nodes; its rollout has begun and nothing of it runs yet.
        JsonPath otherPlan = plan(List.of(other));
        assertEquals(3, gpuNodes(otherPlan, a));
        java.util.UUID rollout = java.util.UUID.randomUUID();
        db.preparedQuery("INSERT INTO rollout (id, plan_id, status, created_at, updated_at, revision)"
                + " VALUES ($1, $2, 'RUNNING', now(), now(), 0)").execute(io.vertx.mutiny.sqlclient.Tuple.of(rollout,
                        java.util.UUID.fromString(otherPlan.getString("id")))).await().indefinitely();
        try {
            // 6 - 3 = 3 gpu nodes left: too few for mine's 4 FP16 replicas, so INT8 on cpu.
            JsonPath planned = plan(List.of(mine));
            assertEquals(0, gpuNodes(planned, a));
            assertEquals(List.of(reservation(a, fleet.gpu, 3, 6, 12, other)), planned.getList("reservations"));
        } finally {
            db.preparedQuery("DELETE FROM rollout WHERE id = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(rollout))
                    .await().indefinitely();
        }
    }

    private static JsonPath plan(List<String> deployments) {
        return operator().body(Map.of("deployments", deployments)).post("/api/v1/plans").then().statusCode(201)
                .extract().jsonPath();
    }

    private static int gpuNodes(JsonPath plan, String cluster) {
        List<Map<String, Object>> nodes = plan.getList("nodes");
        return nodes.stream().filter(n -> cluster.equals(n.get("cluster")) && "gpu".equals(n.get("pool")))
                .mapToInt(n -> ((Number) n.get("count")).intValue()).sum();
    }

    private static Map<String, Object> reservation(String cluster, String hardware, int nodes, Integer maxNodes,
            int vcpus, String deployment) {
        Map<String, Object> r = new HashMap<>(Map.of("cluster", cluster, "pool", "gpu", "hardware", hardware,
                "reservedNodes", nodes, "reservedVcpus", vcpus, "deployments", List.of(deployment)));
        r.put("maxNodes", maxNodes);
        return r;
    }
}
