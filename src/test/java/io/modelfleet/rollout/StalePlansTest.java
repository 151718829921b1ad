package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.rollout.entity.RolloutStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rollout invariant 7 through the API: a plan whose inputs changed is refused with what changed. */
@QuarkusTest
class StalePlansTest {

    private static final String NEW_PLAN = ". Make a new plan (POST /api/v1/plans) and roll that out";

    @Inject
    RolloutEngine engine;

    @Test
    void anSloAndDemandChangedAfterPlanningRefuseTheRolloutNamingBothChanges() {
        RolloutFixture f = new RolloutFixture(1, true);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.08-py3");
        f.deploy("1.0.0", 1500);
        String plan = f.plan();
        String cluster = f.clusters.get(0);
        operator().body(Map.of("model", f.model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 30),
                "demand", List.of(Map.of("cluster", cluster, "rps", 2500)))).put("/api/v1/deployments/" + f.deployment)
                .then().statusCode(200);

        operator().body(Map.of("planId", plan)).post("/api/v1/rollouts").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("inputs changed since plan " + plan + " was made: deployment '"
                        + f.deployment + "': slo.p99LatencyMs 50.0 -> 30.0; deployment '" + f.deployment
                        + "': demand on '" + cluster + "' 1500.0 -> 2500.0 rps" + NEW_PLAN));
        // The refusal claimed nothing: a fresh plan of the same deployment rolls out at once.
        assertEquals(RolloutStatus.SUCCEEDED, RolloutRunner.untilEnded(engine, f.rollout(f.plan(), null)).status());
    }

    @Test
    void anUpgradePlanRollsOutButAnOlderPlanCannotRevertTheVersionItReplaced() {
        RolloutFixture f = new RolloutFixture(1, true);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.08-py3");
        f.deploy("1.0.0", 1500);
        String before = f.plan();
        f.variant("1.1.0", "FP16", f.t4, 9, 1000, 1, "nvcr.io/nvidia/tritonserver:24.08-py3");
        String upgrade = operator().body(Map.of("version", "1.1.0"))
                .post("/api/v1/deployments/" + f.deployment + "/upgrade").then().statusCode(201)
                .extract().path("plan.id");

        UUID id = f.rollout(upgrade, null);
        assertEquals(RolloutStatus.SUCCEEDED, RolloutRunner.untilEnded(engine, id).status());
        viewer().get("/api/v1/deployments/" + f.deployment).then().body("version", equalTo("1.1.0"));

        operator().body(Map.of("planId", before)).post("/api/v1/rollouts").then().statusCode(409)
                .body("detail", equalTo("inputs changed since plan " + before + " was made: deployment '"
                        + f.deployment + "': version 1.0.0 -> 1.1.0" + NEW_PLAN));
        viewer().get("/api/v1/deployments/" + f.deployment).then().body("version", equalTo("1.1.0"));
    }
}
