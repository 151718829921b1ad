package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.testing.SharedPoolFleet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Design 006, I10 through the API: a plan states its rollout's peak per pool, and {@code POST /rollouts} of one that
 * cannot fit is a 409 saying why. Fleet ({@link SharedPoolFleet}, FP16 at 60 ms: no longer within mine's 50 ms SLO):
 * mine runs 4 FP16 replicas on a's gpu pool (4 nodes) and is re-planned to INT8 on gpu (400 / 200 = 2 replicas,
 * 2 nodes, 0.30/h); other holds 3 gpu nodes. Side by side the switch needs 2 + 3 + 4 = 9 nodes.
 */
@QuarkusTest
class TransitionRefusalTest {

    @Inject
    Pool db;

    @Inject
    RolloutEngine engine;

    @Test
    void aSwitchThatCannotFitEvenGraduallyIsRefusedWithTheReason() {
        SharedPoolFleet fleet = new SharedPoolFleet(60, true);
        String a = fleet.cluster(7);
        String mine = fleet.deployment(a, 400);
        String other = fleet.deployment(a, 300);
        fleet.runsFp16OnGpu(db, mine, a, 4);
        fleet.runsFp16OnGpu(db, other, a, 3);
        try {
            JsonPath plan = plan(mine);
            assertEquals(0.3f, plan.getFloat("totalHourlyCostUsd"), 1e-6);
            // 9 > 7 side by side; one replica at a time: max(2, 4) + 3 + 1 surge = 8, still past 7.
            assertEquals(List.of(Map.of("cluster", a, "pool", "gpu", "maxNodes", 7, "plannedNodes", 2,
                    "reservedNodes", 3, "heldByOldNodes", 4, "strategy", "GRADUAL", "peakNodes", 8, "fits", false)),
                    plan.getList("transition.pools"));
            String reason = "pool gpu of " + a + " needs 8 nodes at the peak of its rollout (4 held by workloads"
                    + " switching away, 3 held by others, 1 surge); maxNodes is 7";
            assertEquals(false, plan.getBoolean("transition.fits"));
            assertEquals(List.of(reason), plan.getList("transition.reasons"));

            String id = plan.getString("id");
            operator().body(Map.of("planId", id)).post("/api/v1/rollouts").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("plan " + id + " cannot be rolled out within its pools' maxNodes and"
                            + " quotas: " + reason));
        } finally {
            SharedPoolFleet.stopsRunning(db, mine);
            SharedPoolFleet.stopsRunning(db, other);
        }
    }

    @Test
    void aSwitchThatFitsSideBySideRollsOutAndRecordsWhatAReplicaTakes() {
        SharedPoolFleet fleet = new SharedPoolFleet(60, true);
        String a = fleet.cluster(9);
        String mine = fleet.deployment(a, 400);
        String other = fleet.deployment(a, 300);
        fleet.runsFp16OnGpu(db, mine, a, 4);
        fleet.runsFp16OnGpu(db, other, a, 3);
        try {
            JsonPath plan = plan(mine);
            assertEquals(List.of(Map.of("cluster", a, "pool", "gpu", "maxNodes", 9, "plannedNodes", 2,
                    "reservedNodes", 3, "heldByOldNodes", 4, "strategy", "SIDE_BY_SIDE", "peakNodes", 9,
                    "fits", true)), plan.getList("transition.pools"));
            assertEquals(true, plan.getBoolean("transition.fits"));
            UUID rollout = UUID.fromString(operator().body(Map.of("planId", plan.getString("id")))
                    .post("/api/v1/rollouts").then().statusCode(201).extract().path("id"));
            assertEquals(RolloutStatus.SUCCEEDED, RolloutRunner.untilEnded(engine, rollout).status());
            // The engine records the batch size and what one INT8 replica takes on gpu (V18).
            var row = db.preparedQuery("SELECT variant_id, batch_size, accelerators_per_replica, vcpus_per_replica,"
                    + " memory_gib_per_replica FROM running_placement WHERE deployment = $1 AND cluster = $2")
                    .execute(Tuple.of(mine, a)).await().indefinitely().iterator().next();
            assertEquals(List.of(fleet.int8, 16, 1, 2.0, 4.0), List.of(row.getString(0), row.getInteger(1),
                    row.getInteger(2), row.getDouble(3), row.getDouble(4)));
        } finally {
            SharedPoolFleet.stopsRunning(db, mine);
            SharedPoolFleet.stopsRunning(db, other);
        }
    }

    private static JsonPath plan(String deployment) {
        return operator().body(Map.of("deployments", List.of(deployment))).post("/api/v1/plans").then()
                .statusCode(201).extract().jsonPath();
    }
}
