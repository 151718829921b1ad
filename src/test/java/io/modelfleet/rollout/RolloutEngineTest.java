package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelfleet.rollout.RolloutViews.ClusterView;
import io.modelfleet.rollout.RolloutViews.RolloutView;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.mock.MockCluster;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The rollout engine against the Fabric8 mock API server, driven one transition at a time, with the test
 * controller ({@link MockCluster#reconcile()}) standing in for Kubernetes' Deployment controller.
 */
@QuarkusTest
class RolloutEngineTest {

    private static final String TRITON = "nvcr.io/nvidia/tritonserver:24.08-py3";
    private static final String OVMS = "openvino/model_server:2024.4";

    @Inject
    RolloutEngine engine;

    @Inject
    RolloutService service;

    @Inject
    MockKubernetesClients clients;

    @Inject
    Pool pool;

    @Inject
    io.modelfleet.testing.OffsetClock clock;

    private MockCluster cluster() {
        return clients.cluster();
    }

    /** Drives until the rollout ends, reconciling after each transition and letting {@code watch} look. */
    private RolloutView run(UUID id, Consumer<RolloutView> watch) {
        engine.claim();
        for (int i = 0; i < 400; i++) {
            engine.drive(id, 1);
            cluster().reconcile();
            RolloutView view = view(id);
            watch.accept(view);
            if (view.status().terminal()) {
                return view;
            }
        }
        throw new AssertionError("rollout did not end: " + view(id));
    }

    private RolloutView view(UUID id) {
        return viewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().as(RolloutView.class);
    }

    private Deployment workload(String namespace, String name) {
        return cluster().client().apps().deployments().inNamespace(namespace).withName(name).get();
    }

    @Test
    void wavesGoCanaryFirstAndEachClusterWaitsForItsGate() {
        RolloutFixture f = t4Fleet(3);
        UUID id = f.rollout(f.plan(), null);
        List<String> started = new ArrayList<>();
        RolloutView end = run(id, v -> {
            for (ClusterView c : v.clusters()) {
                if (c.status() != ClusterStatus.PENDING && !started.contains(c.cluster())) {
                    started.add(c.cluster());
                }
            }
            ClusterView canary = v.clusters().get(0);
            if (canary.status() != ClusterStatus.SUCCEEDED) {
                for (String later : f.clusters.subList(1, 3)) {
                    assertTrue(cluster().client().apps().deployments().inNamespace(later).list().getItems().isEmpty(),
                            "no object reaches " + later + " before the canary is healthy");
                }
            }
        });
        assertEquals(RolloutStatus.SUCCEEDED, end.status());
        assertEquals(f.clusters, started, "canary first, then the other wave in name order");
        assertEquals(List.of(0, 1, 1), end.clusters().stream().map(ClusterView::wave).toList());
        String name = f.deployment + "-int8-" + f.t4.replace('.', '-');
        for (String ns : f.clusters) {
            Deployment d = workload(ns, name);
            assertEquals(2, d.getSpec().getReplicas());
            assertEquals("1", d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
                    .get("nvidia.com/gpu").getAmount());
            assertEquals("on-demand", d.getSpec().getTemplate().getSpec().getNodeSelector()
                    .get("karpenter.sh/capacity-type"));
        }
        assertTrue(cluster().dispatcher().requests().stream().anyMatch(r -> r.startsWith("PATCH /apis/apps/v1/namespaces/"
                + f.clusters.get(0) + "/deployments/" + name + "?fieldManager=modelfleet&force=true")
                && r.contains("application/apply-patch+yaml")), "server-side apply with field manager modelfleet");
    }

    @Test
    void sameHardwareAndPrecisionUpgradesInPlace() {
        RolloutFixture f = t4Fleet(1);
        run(f.rollout(f.plan(), null), v -> { });
        String ns = f.clusters.get(0);
        String name = f.deployment + "-int8-" + f.t4.replace('.', '-');
        long before = workload(ns, name).getMetadata().getGeneration();
        f.variant("1.1.0", "INT8", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.09-py3");
        f.deploy("1.1.0", 1500);
        RolloutView end = run(f.rollout(f.plan(), null), v -> { });
        assertEquals(RolloutStatus.SUCCEEDED, end.status());
        Deployment d = workload(ns, name);
        assertEquals(before + 1, d.getMetadata().getGeneration(), "the same Deployment rolled to a new generation");
        assertEquals("nvcr.io/nvidia/tritonserver:24.09-py3",
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("1.1.0", d.getMetadata().getLabels().get("app.kubernetes.io/version"));
        assertEquals(1, cluster().client().apps().deployments().inNamespace(ns).list().getItems().size());
        assertEquals("nothing else to retire", end.clusters().get(0).steps().get(1).reason());
    }

    @Test
    void crossHardwareUpgradeNeverDropsBelowTheRequiredCapacity() {
        // Demand 800 rps. v1: INT8 on CPU at 200 rps/replica -> 4 replicas. v2: FP16 on T4 at 1000 -> 1 replica.
        RolloutFixture f = new RolloutFixture(1, false);
        f.variant("1.0.0", "INT8", f.cpu, 20, 200, 0, OVMS);
        f.deploy("1.0.0", 800);
        run(f.rollout(f.plan(), null), v -> { });
        String ns = f.clusters.get(0);
        String oldName = f.deployment + "-int8-" + f.cpu.replace('.', '-');
        String newName = f.deployment + "-fp16-" + f.t4.replace('.', '-');
        assertEquals(4, workload(ns, oldName).getStatus().getAvailableReplicas());
        f.variant("2.0.0", "FP16", f.t4, 7, 1000, 1, TRITON);
        f.deploy("2.0.0", 800);
        cluster().gradual(true);
        List<Double> capacity = new ArrayList<>();
        try {
            RolloutView end = run(f.rollout(f.plan(), null), v -> {
                Deployment oldD = workload(ns, oldName);
                Deployment newD = workload(ns, newName);
                double rps = available(oldD) * 200.0 + available(newD) * 1000.0;
                capacity.add(rps);
            });
            assertEquals(RolloutStatus.SUCCEEDED, end.status());
        } finally {
            cluster().gradual(false);
        }
        assertTrue(capacity.stream().allMatch(c -> c >= 800), "capacity at every observed moment: " + capacity);
        assertEquals(null, workload(ns, oldName), "the old hardware's Deployment is retired");
        assertEquals(1, workload(ns, newName).getStatus().getAvailableReplicas());
    }

    @Test
    void failedGateRollsBackThatClusterAndStopsTheLaterWaves() throws Exception {
        RolloutFixture f = t4Fleet(2);
        run(f.rollout(f.plan(), null), v -> { });
        String canary = f.clusters.get(0);
        String name = f.deployment + "-int8-" + f.t4.replace('.', '-');
        f.variant("1.1.0", "INT8", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:broken");
        f.deploy("1.1.0", 1500);
        cluster().breakImage("tritonserver:broken");
        UUID id = f.rollout(f.plan(), 1);
        engine.claim();
        for (int i = 0; i < 5; i++) {
            engine.drive(id, 1);
            cluster().reconcile();
        }
        clock.step(java.time.Duration.ofSeconds(2));
        RolloutView end = run(id, v -> { });
        assertEquals(RolloutStatus.ROLLED_BACK, end.status());
        assertTrue(end.reason().startsWith("cluster " + canary + ": gate failed: " + canary + "/" + name + " had "),
                end.reason());
        assertTrue(end.reason().endsWith("; rolled back, later waves did not start"), end.reason());
        assertEquals(ClusterStatus.ROLLED_BACK, end.clusters().get(0).status());
        assertEquals(ClusterStatus.SKIPPED, end.clusters().get(1).status());
        assertEquals(TRITON, workload(canary, name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                "the canary runs what it ran before");
        assertEquals(TRITON, workload(f.clusters.get(1), name).getSpec().getTemplate().getSpec().getContainers()
                .get(0).getImage(), "the later wave was never touched");
        viewer().get("/api/v1/rollouts/" + id).then().statusCode(200);
    }

    @Test
    void pauseResumeAndAbortWorkAtAnyPoint() {
        RolloutFixture f = t4Fleet(2);
        String plan = f.plan();
        UUID id = f.rollout(plan, null);
        operator().body(java.util.Map.of("planId", plan)).post("/api/v1/rollouts").then().statusCode(409);
        java.util.Map<String, Object> badWaves = new java.util.HashMap<>();
        badWaves.put("planId", plan);
        badWaves.put("waves", java.util.Arrays.asList((Object) null));
        operator().body(badWaves).post("/api/v1/rollouts").then().statusCode(400);
        engine.claim();
        engine.drive(id, 2);
        operator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(200);
        RolloutView paused = view(id);
        assertEquals(RolloutStatus.PAUSED, paused.status());
        engine.runOnce();
        engine.drive(id, 10);
        assertEquals(paused.clusters(), view(id).clusters(), "a paused rollout does not move");
        operator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(409);
        operator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);
        engine.claim();
        engine.drive(id, 1);
        cluster().reconcile();
        operator().post("/api/v1/rollouts/" + id + "/abort").then().statusCode(200);
        RolloutView end = run(id, v -> { });
        assertEquals(RolloutStatus.ABORTED, end.status());
        assertEquals(ClusterStatus.ROLLED_BACK, end.clusters().get(0).status());
        assertEquals(ClusterStatus.SKIPPED, end.clusters().get(1).status());
        assertTrue(cluster().client().apps().deployments().inNamespace(f.clusters.get(0)).list().getItems().isEmpty(),
                "the canary is back to what ran before: nothing");
        operator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(409);
        f.rollout(plan, null);
    }

    @Test
    void aSecondEngineResumesARolloutTheFirstLeftMidway() {
        RolloutFixture f = t4Fleet(2);
        UUID id = f.rollout(f.plan(), null);
        RolloutEngine first = engine.withInstance("replica-1");
        RolloutEngine second = engine.withInstance("replica-2");
        assertTrue(first.claim().contains(id));
        first.drive(id, 3);
        cluster().reconcile();
        assertFalse(second.claim().contains(id), "the lease keeps the second replica off while the first lives");
        pool.preparedQuery("UPDATE rollout SET lease_until = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely();
        assertTrue(second.claim().contains(id), "an expired lease is taken over");
        first.drive(id, 5);
        assertEquals(RolloutStatus.RUNNING, view(id).status(), "the first replica lost its lease and stops");
        for (int i = 0; i < 100 && !view(id).status().terminal(); i++) {
            second.drive(id, 1);
            cluster().reconcile();
        }
        RolloutView end = view(id);
        assertEquals(RolloutStatus.SUCCEEDED, end.status());
        assertTrue(end.clusters().stream().allMatch(c -> c.status() == ClusterStatus.SUCCEEDED));
    }

    @Test
    void conflictsAndServerErrorsAreRetriedAndForbiddenFailsWithItsReason() {
        RolloutFixture f = t4Fleet(1);
        String ns = f.clusters.get(0);
        cluster().dispatcher().fail("PATCH", "/namespaces/" + ns + "/deployments/", 409, 2);
        cluster().dispatcher().fail("PATCH", "/namespaces/" + ns + "/deployments/", 500, 1);
        RolloutView end = runWithPauses(f.rollout(f.plan(), null));
        assertEquals(RolloutStatus.SUCCEEDED, end.status(), end.toString());

        RolloutFixture g = t4Fleet(1);
        cluster().dispatcher().fail("PATCH", "/namespaces/" + g.clusters.get(0) + "/deployments/", 403, 1);
        RolloutView failed = runWithPauses(g.rollout(g.plan(), null));
        assertEquals(RolloutStatus.ROLLED_BACK, failed.status());
        assertTrue(failed.reason().contains("Kubernetes API answered 403"), failed.reason());
    }

    @Test
    void theGateWaitsWhileAnOldPodIsStillCountedAsAvailable() {
        RolloutFixture f = t4Fleet(1);
        UUID id = f.rollout(f.plan(), null);
        String ns = f.clusters.get(0);
        String name = f.deployment + "-int8-" + f.t4.replace('.', '-');
        engine.claim();
        engine.drive(id, 3);
        Deployment d = workload(ns, name);
        // Mid-surge: 2 updated and 2 available, but 3 pods — one old pod is part of the "available" count.
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration()).withReplicas(3).withUpdatedReplicas(2)
                .withAvailableReplicas(2).build());
        cluster().client().resource(d).updateStatus();
        engine.drive(id, 3);
        RolloutView waiting = view(id);
        assertEquals("APPLIED", waiting.clusters().get(0).steps().get(0).status().name());
        assertTrue(waiting.clusters().get(0).steps().get(0).reason().contains("3 pods"),
                waiting.clusters().get(0).steps().get(0).reason());
        cluster().reconcile();
        assertEquals(RolloutStatus.SUCCEEDED, run(id, v -> { }).status());
    }

    @Test
    void aFailureWhoseRollbackWasInterruptedIsRolledBackNeverContinued() {
        // v1 on CPU, then v2 on T4 (side by side). The T4 step is marked FAILED as if the control plane stopped
        // right after: the engine must restore the cluster, not run the RETIRE step that would remove v1.
        RolloutFixture f = new RolloutFixture(1, false);
        f.variant("1.0.0", "INT8", f.cpu, 20, 200, 0, OVMS);
        f.deploy("1.0.0", 800);
        run(f.rollout(f.plan(), null), v -> { });
        String ns = f.clusters.get(0);
        String oldName = f.deployment + "-int8-" + f.cpu.replace('.', '-');
        String newName = f.deployment + "-fp16-" + f.t4.replace('.', '-');
        f.variant("2.0.0", "FP16", f.t4, 7, 1000, 1, TRITON);
        f.deploy("2.0.0", 800);
        UUID id = f.rollout(f.plan(), null);
        engine.claim();
        engine.drive(id, 3);
        assertTrue(workload(ns, newName) != null, "the new workload was applied");
        pool.preparedQuery("UPDATE rollout_step SET status = 'FAILED', reason = 'gate failed: simulated'"
                + " WHERE rollout_cluster_id IN (SELECT id FROM rollout_cluster WHERE rollout_id = $1)"
                + " AND action = 'UPSERT'").execute(Tuple.of(id)).await().indefinitely();
        RolloutView end = run(id, v -> { });
        assertEquals(RolloutStatus.ROLLED_BACK, end.status());
        assertEquals(ClusterStatus.ROLLED_BACK, end.clusters().get(0).status());
        assertTrue(workload(ns, oldName) != null, "the old workload was never retired");
        assertEquals(null, workload(ns, newName), "the new workload was removed again");
    }

    /** Clusters on the mock API server and one deployment of 1,500 rps served by an INT8 variant on T4s. */
    private static RolloutFixture t4Fleet(int clusters) {
        RolloutFixture f = new RolloutFixture(clusters, false);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, TRITON);
        f.deploy("1.0.0", 1500);
        return f;
    }

    private RolloutView runWithPauses(UUID id) {
        engine.claim();
        for (int i = 0; i < 200; i++) {
            engine.drive(id, 1);
            cluster().reconcile();
            RolloutView v = view(id);
            if (v.status().terminal()) {
                return v;
            }
            sleep(20);
        }
        throw new AssertionError("did not end: " + view(id));
    }

    private static int available(Deployment d) {
        return d == null || d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0
                : d.getStatus().getAvailableReplicas();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
