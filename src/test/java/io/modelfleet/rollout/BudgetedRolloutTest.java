package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelfleet.rollout.RolloutViews.RolloutView;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.mock.MockCluster;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * I9 on the mock cluster: a deployment's disruption budget reaches the rollout engine as a batch cap. A switch with
 * room for old and new beside each other would go all at once; capped at 1 replica it goes batch by batch, and the
 * capacity serving never falls below the need.
 */
@QuarkusTest
class BudgetedRolloutTest {

    private static final String TRITON = "nvcr.io/nvidia/tritonserver:24.08-py3";

    @Inject
    RolloutEngine engine;

    @Inject
    MockKubernetesClients clients;

    @Inject
    RolloutService rollouts;

    private MockCluster cluster() {
        return clients.cluster();
    }

    private RolloutView view(UUID id) {
        return viewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().as(RolloutView.class);
    }

    private UUID create(String plan, Map<String, Integer> maxBatch) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> rollouts.create(
                new RolloutRequest(UUID.fromString(plan), null, null, null), "operator", maxBatch)).id();
    }

    /**
     * v1.0.0 FP16 on T4 rolled out (4 replicas at 300 rps for a 1,000 rps need), then v2.0.0 INT8 on T4 deployed:
     * the switch both tests roll out. {@code rps} gets each variant's rate per replica.
     */
    private RolloutFixture runsFp16ThenDeploysInt8(Map<String, Double> rps) throws Throwable {
        RolloutFixture f = new RolloutFixture(1, false);
        rps.put(f.variant("1.0.0", "FP16", f.t4, 9, 300, 1, TRITON), 300.0);
        f.deploy("1.0.0", 1000);
        assertEquals(RolloutStatus.SUCCEEDED, run(f.rollout(f.plan(), null), f.clusters.get(0), f.deployment + "-fp16-"
                + f.t4.replace('.', '-'), rps).status());
        rps.put(f.variant("2.0.0", "INT8", f.t4, 7, 300, 1, TRITON), 300.0);
        f.deploy("2.0.0", 1000);
        return f;
    }

    @Test
    void aSwitchOfFourReplicasCappedAtOneGoesInFourBatchesNeverBelowTheNeed() throws Throwable {
        // FP16 -> INT8 on T4, 300 rps a replica, need 1000 rps: 4 replicas before and after. The pool holds 10
        // nodes, so 4 planned + 4 held fit: without a cap the new workload would come up at 4 at once.
        Map<String, Double> rps = new HashMap<>();
        RolloutFixture f = runsFp16ThenDeploysInt8(rps);
        String ns = f.clusters.get(0);
        String newWorkload = f.deployment + "-int8-" + f.t4.replace('.', '-');
        String oldWorkload = f.deployment + "-fp16-" + f.t4.replace('.', '-');
        assertEquals(4, cluster().client().apps().deployments().inNamespace(ns).withName(oldWorkload).get()
                .getSpec().getReplicas());
        cluster().readyDelay(1);
        Observed seen;
        try {
            seen = observe(create(f.plan(), Map.of(f.deployment, 1)), ns, newWorkload, rps);
        } finally {
            cluster().readyDelay(0);
        }
        assertEquals(RolloutStatus.SUCCEEDED, seen.end.status(), seen.end.toString());
        assertEquals(1, seen.end.clusters().get(0).steps().get(0).batchSize(), "capped at one replica per batch");
        assertEquals(List.of(1, 2, 3, 4), seen.newReplicas, "the new workload grew in 4 batches");
        assertTrue(seen.lowest >= 1000, "lowest capacity " + seen.lowest);
        assertNull(cluster().client().apps().deployments().inNamespace(ns).withName(oldWorkload).get(),
                "the FP16 workload is retired");
    }

    @Test
    void aCapAtTheReplicasSwitchesAllAtOnce() throws Throwable {
        Map<String, Double> rps = new HashMap<>();
        RolloutFixture f = runsFp16ThenDeploysInt8(rps);
        String ns = f.clusters.get(0);
        String newWorkload = f.deployment + "-int8-" + f.t4.replace('.', '-');
        Observed seen = observe(create(f.plan(), Map.of(f.deployment, 4)), ns, newWorkload, rps);
        assertEquals(RolloutStatus.SUCCEEDED, seen.end.status(), seen.end.toString());
        assertNull(seen.end.clusters().get(0).steps().get(0).batchSize(), "not gradual");
        assertEquals(List.of(4), seen.newReplicas, "the new workload came up at 4 at once");
    }

    @Test
    void aBudgetChangedAfterPlanningDoesNotMakeThePlanStale() {
        RolloutFixture f = new RolloutFixture(1, true);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, TRITON);
        f.deploy("1.0.0", 1500);
        String plan = f.plan();
        int revision = operator().body(Map.of("model", f.model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 50),
                "demand", List.of(Map.of("cluster", f.clusters.get(0), "rps", 1500)), "autoRollout", "WITHIN_BUDGET",
                "disruptionBudget", Map.of("maxDisruptedPercent", 10, "maintenanceWindow",
                        Map.of("schedule", "0 2 * * *", "duration", "1h")))).put("/api/v1/deployments/" + f.deployment)
                .then().statusCode(200).extract().path("revision");
        assertEquals(1, revision, "the budget change was stored");
        UUID id = UUID.fromString(operator().body(Map.of("planId", plan)).post("/api/v1/rollouts").then()
                .statusCode(201).extract().path("id"));
        assertEquals(RolloutStatus.SUCCEEDED, RolloutRunner.untilEnded(engine, id).status());
    }

    private record Observed(RolloutView end, List<Integer> newReplicas, double lowest) {
    }

    private RolloutView run(UUID id, String ns, String workload, Map<String, Double> rps) {
        return observe(id, ns, workload, rps).end;
    }

    /** Drives the rollout to its end; records each new replica count of {@code workload} and the lowest capacity. */
    private Observed observe(UUID id, String ns, String workload, Map<String, Double> rps) {
        List<Integer> replicas = new ArrayList<>();
        double lowest = Double.MAX_VALUE;
        engine.claim();
        for (int i = 0; i < 300 && !view(id).status().terminal(); i++) {
            engine.drive(id, 1);
            for (int pass = 0; pass < 2; pass++) {
                cluster().reconcile();
                lowest = Math.min(lowest, cluster().availableCapacity(ns,
                        p -> rps.getOrDefault(p.env("MODEL_VARIANT_ID"), 0.0)));
                Deployment d = cluster().client().apps().deployments().inNamespace(ns).withName(workload).get();
                Integer now = d == null ? null : d.getSpec().getReplicas();
                if (now != null && (replicas.isEmpty() || !replicas.get(replicas.size() - 1).equals(now))) {
                    replicas.add(now);
                }
            }
        }
        return new Observed(view(id), replicas, lowest);
    }
}
