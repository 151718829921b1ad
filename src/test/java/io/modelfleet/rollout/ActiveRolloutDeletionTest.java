package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.operator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.rollout.entity.RolloutStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Deleting what a rollout that has not ended uses, or what ModelFleet still runs on, is a 409 that names it. */
@QuarkusTest
class ActiveRolloutDeletionTest {

    @Inject
    RolloutEngine engine;

    private static RolloutFixture fleet(int clusters) {
        RolloutFixture f = new RolloutFixture(clusters, true);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.08-py3");
        f.deploy("1.0.0", 1500);
        return f;
    }

    @Test
    void aDeploymentBeingRolledOutCannotBeDeletedUntilTheRolloutHasEnded() {
        RolloutFixture f = fleet(1);
        UUID id = f.rollout(f.plan(), null);
        String refused = "deployment '" + f.deployment + "' is being rolled out by rollout " + id
                + " (%s); delete it once the rollout has ended, or abort the rollout";

        operator().delete("/api/v1/deployments/" + f.deployment).then().statusCode(409)
                .body("detail", equalTo(refused.formatted("RUNNING")));
        operator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(200);
        operator().delete("/api/v1/deployments/" + f.deployment).then().statusCode(409)
                .body("detail", equalTo(refused.formatted("PAUSED")));

        operator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);
        assertEquals(RolloutStatus.SUCCEEDED, RolloutRunner.untilEnded(engine, id).status());
        operator().delete("/api/v1/deployments/" + f.deployment).then().statusCode(204);
    }

    @Test
    void aClusterARolloutUsesCannotBeDeletedUntilTheRolloutHasEndedAndNothingRunsThere() {
        RolloutFixture f = fleet(2);
        String kept = f.clusters.get(0);
        String dropped = f.clusters.get(1);
        UUID id = f.rollout(f.plan(), null);
        // The deployment leaves the second cluster while the rollout that still goes there has not ended.
        operator().body(Map.of("model", f.model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 50),
                "demand", List.of(Map.of("cluster", kept, "rps", 1500)))).put("/api/v1/deployments/" + f.deployment)
                .then().statusCode(200);
        String refused = "cluster '" + dropped + "' is used by rollout " + id + " (%s), which has not ended";

        operator().delete("/api/v1/clusters/" + dropped).then().statusCode(409)
                .body("detail", equalTo(refused.formatted("RUNNING")));
        operator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(200);
        operator().delete("/api/v1/clusters/" + dropped).then().statusCode(409)
                .body("detail", equalTo(refused.formatted("PAUSED")));

        operator().post("/api/v1/rollouts/" + id + "/abort").then().statusCode(200);
        assertEquals(RolloutStatus.ABORTED, RolloutRunner.untilEnded(engine, id).status());
        operator().delete("/api/v1/clusters/" + dropped).then().statusCode(204);

        // A rollout that reached the first cluster leaves the deployment running there: the cluster stays.
        assertEquals(RolloutStatus.SUCCEEDED, RolloutRunner.untilEnded(engine, f.rollout(f.plan(), null)).status());
        operator().delete("/api/v1/clusters/" + kept).then().statusCode(409).body("detail", equalTo("cluster '"
                + kept + "' is still targeted by deployments " + f.deployment + "; ModelFleet still runs deployments "
                + f.deployment + " on cluster '" + kept + "'"));
        operator().delete("/api/v1/deployments/" + f.deployment).then().statusCode(204);
        operator().delete("/api/v1/clusters/" + kept).then().statusCode(409).body("detail", equalTo(
                "ModelFleet still runs deployments " + f.deployment + " on cluster '" + kept + "'"));
    }
}
