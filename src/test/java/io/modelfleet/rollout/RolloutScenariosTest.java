package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.modelfleet.rollout.RolloutViews.RolloutView;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutKind;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.mock.MockCluster;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.modelfleet.testing.OffsetClock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The situations that broke the first engine, each replayed through the API against the mock API server: every test
 * here fails on that engine.
 */
@QuarkusTest
class RolloutScenariosTest {

    private static final String TRITON = "nvcr.io/nvidia/tritonserver:24.08-py3";

    @Inject
    RolloutEngine engine;

    @Inject
    MockKubernetesClients clients;

    @Inject
    Pool pool;

    @Inject
    OffsetClock clock;

    private MockCluster cluster() {
        return clients.cluster();
    }

    private RolloutView view(UUID id) {
        return viewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().as(RolloutView.class);
    }

    private RolloutView run(UUID id) {
        engine.claim();
        for (int i = 0; i < 200; i++) {
            engine.drive(id, 1);
            cluster().reconcile();
            RolloutView v = view(id);
            if (v.status().terminal()) {
                return v;
            }
        }
        throw new AssertionError("rollout did not end: " + view(id));
    }

    private static RolloutFixture t4Fleet(int clusters) {
        RolloutFixture f = new RolloutFixture(clusters, false);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, TRITON);
        f.deploy("1.0.0", 1500);
        return f;
    }

    private long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().iterator().next()
                .getLong(0);
    }

    @Test
    void aPausedRolloutWhoseSecondClusterLeftTheDemandEndsAndFreesItsDeployment() {
        RolloutFixture f = new RolloutFixture(2, true);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, TRITON);
        f.deploy("1.0.0", 1500);
        String plan = f.plan();
        UUID id = f.rollout(plan, null);
        engine.claim();
        for (int i = 0; i < 20 && view(id).clusters().get(0).status() != ClusterStatus.SUCCEEDED; i++) {
            engine.drive(id, 1);
        }
        operator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(200);
        String second = f.clusters.get(1);
        operator().body(Map.of("model", f.model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 50),
                "demand", List.of(Map.of("cluster", f.clusters.get(0), "rps", 1500))))
                .put("/api/v1/deployments/" + f.deployment).then().statusCode(200);
        operator().delete("/api/v1/clusters/" + second).then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString(id.toString()));
        operator().post("/api/v1/rollouts/" + id + "/abort").then().statusCode(200);
        RolloutView end = run(id);
        assertEquals(RolloutStatus.ABORTED, end.status());
        assertEquals(0, count("SELECT count(*) FROM active_rollout_deployment WHERE rollout_id = $1", id));
        engine.runOnce();
        operator().delete("/api/v1/clusters/" + second).then().statusCode(204);
        f.rollout(f.plan(), null);
    }

    @Test
    void aRollbackThatCannotCompleteIsExportedAsNeedingAttention() {
        RolloutFixture f = t4Fleet(1);
        UUID id = f.rollout(f.plan(), null);
        engine.claim();
        engine.drive(id, 3);
        // As after a failed gate whose rollback keeps failing: the cluster rolls back, the next try is far away.
        pool.preparedQuery("UPDATE rollout SET status = 'ROLLBACK_FAILED' WHERE id = $1").execute(Tuple.of(id))
                .await().indefinitely();
        pool.preparedQuery("UPDATE rollout_cluster SET status = 'ROLLING_BACK' WHERE rollout_id = $1")
                .execute(Tuple.of(id)).await().indefinitely();
        pool.preparedQuery("UPDATE rollout_step SET status = 'FAILED', next_attempt_at = now() + interval '1 day'"
                + " WHERE position = 0 AND rollout_cluster_id IN (SELECT id FROM rollout_cluster WHERE rollout_id = $1)")
                .execute(Tuple.of(id)).await().indefinitely();
        engine.runOnce();
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        double gauge = metrics.lines().filter(l -> l.startsWith("modelfleet_rollouts_needing_attention"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no gauge in /q/metrics"));
        assertTrue(gauge >= 1, "gauge " + gauge);
        RolloutView stuck = view(id);
        assertEquals(RolloutStatus.ROLLBACK_FAILED, stuck.status());
        assertTrue(stuck.needsAttention());
        assertEquals(1, count("SELECT count(*) FROM active_rollout_deployment WHERE rollout_id = $1", id),
                "it keeps its lock");
        io.modelfleet.testing.Api.admin().body(Map.of("reason", "target decommissioned"))
                .post("/api/v1/rollouts/" + id + "/force-end").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("FAILED"))
                .body("reason", org.hamcrest.Matchers.endsWith(": target decommissioned"));
    }

    @Test
    void aForeignServiceOfTheSameNameIsNeverTakenOver() {
        RolloutFixture f = t4Fleet(1);
        String ns = f.clusters.get(0);
        Map<String, String> theirs = Map.of("app", "legacy-resnet");
        cluster().client().resource(new ServiceBuilder().withNewMetadata().withName(f.deployment).withNamespace(ns)
                .endMetadata().withNewSpec().withSelector(theirs).addNewPort().withPort(80).endPort().endSpec()
                .build()).create();
        RolloutView end = run(f.rollout(f.plan(), null));
        assertEquals(RolloutStatus.ROLLED_BACK, end.status());
        assertEquals("OWNERSHIP_CONFLICT", end.clusters().get(0).steps().get(0).reasonCode());
        assertTrue(end.reason().contains("Service " + ns + "/" + f.deployment + " exists and was not created by"
                + " ModelFleet"), end.reason());
        Service after = cluster().client().services().inNamespace(ns).withName(f.deployment).get();
        assertEquals(theirs, after.getSpec().getSelector(), "its selector is untouched");
        assertTrue(cluster().client().apps().deployments().inNamespace(ns).list().getItems().isEmpty(),
                "nothing of the rollout was left behind");
    }

    @Test
    void aSwitchRolledBackBecauseAnotherDeploymentBrokeNeverDropsBelowItsNeed() {
        // A: INT8 on CPU (200 rps per replica) -> FP16 on T4 (1000). B: an in-place upgrade to a broken image. Both
        // serve 800 rps. B's gate times out, the cluster rolls back, A's CPU workload must serve again before its
        // T4 workload goes: at no controller pass may either deployment's serving capacity fall under 800 rps.
        RolloutFixture f = new RolloutFixture(1, false);
        String ns = f.clusters.get(0);
        String a = f.deployment;
        String b = io.modelfleet.testing.Api.unique("b");
        Map<String, Double> rps = new java.util.HashMap<>();
        rps.put(f.variant("1.0.0", "INT8", f.cpu, 20, 200, 0, "openvino/model_server:2024.4"), 200.0);
        f.deploy("1.0.0", 800);
        deploy(f, b, "1.0.0");
        assertEquals(RolloutStatus.SUCCEEDED, run(f.rollout(plan(a, b), null)).status());
        rps.put(f.variant("2.0.0", "FP16", f.t4, 7, 1000, 1, TRITON), 1000.0);
        rps.put(f.variant("1.1.0", "INT8", f.cpu, 20, 200, 0, "openvino/model_server:broken"), 200.0);
        cluster().breakImage("model_server:broken");
        f.deploy("2.0.0", 800);
        deploy(f, b, "1.1.0");
        cluster().readyDelay(2);
        List<Double> lowest = new java.util.ArrayList<>(List.of(Double.MAX_VALUE, Double.MAX_VALUE));
        try {
            UUID id = f.rollout(plan(a, b), 30);
            engine.claim();
            for (int i = 0; i < 400 && !view(id).status().terminal(); i++) {
                engine.drive(id, 1);
                for (int pass = 0; pass < 2; pass++) {
                    cluster().reconcile();
                    lowest.set(0, Math.min(lowest.get(0), capacity(ns, a, rps)));
                    lowest.set(1, Math.min(lowest.get(1), capacity(ns, b, rps)));
                }
                if (view(id).clusters().get(0).steps().stream().anyMatch(s -> s.deployment().equals(b)
                        && s.status().name().equals("APPLIED"))) {
                    clock.step(Duration.ofSeconds(31));
                    engine.claim();
                }
            }
            RolloutView end = view(id);
            assertEquals(RolloutStatus.ROLLED_BACK, end.status(), end.toString());
        } finally {
            cluster().readyDelay(0);
        }
        assertTrue(lowest.get(0) >= 800, "A's lowest capacity " + lowest.get(0));
        assertTrue(lowest.get(1) >= 800, "B's lowest capacity " + lowest.get(1));
        String cpuA = a + "-int8-" + f.cpu.replace('.', '-');
        assertEquals(4, cluster().client().apps().deployments().inNamespace(ns).withName(cpuA).get().getSpec()
                .getReplicas(), "A runs on CPU again");
        assertNull(cluster().client().apps().deployments().inNamespace(ns).withName(a + "-fp16-" + f.t4.replace('.',
                '-')).get(), "A's T4 workload is gone");
    }

    /** What a deployment serves now: each available pod at the benchmarked rps of the variant it runs. */
    private double capacity(String ns, String deployment, Map<String, Double> rpsByVariant) {
        return cluster().availableCapacity(ns, p -> p.workload().startsWith(deployment + "-")
                ? rpsByVariant.getOrDefault(p.env("MODEL_VARIANT_ID"), 0.0) : 0);
    }

    private void deploy(RolloutFixture f, String name, String version) {
        operator().body(Map.of("model", f.model, "version", version, "slo", Map.of("p99LatencyMs", 50),
                "demand", List.of(Map.of("cluster", f.clusters.get(0), "rps", 800)))).put("/api/v1/deployments/" + name)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static String plan(String... deployments) {
        return operator().body(Map.of("deployments", List.of(deployments))).post("/api/v1/plans").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void aSwitchOnAPoolWithoutRoomForBothGoesBatchByBatchWithoutACapacityDip() {
        // One T4 pool of at most 4 nodes. v1: FP16, 3 replicas x 300 rps on 3 nodes. v2: INT8, 2 x 500 rps.
        // Need 640 x 1.25 = 800 rps. 2 planned nodes + 3 held by v1 > 4: the switch must go gradually, and one
        // replica at a time it fits (design 006, I10: max(2, 3) + 1 surge node = 4). A pool of 3 could not take
        // even the first new replica beside v1's 3 nodes, and POST /rollouts refuses that.
        RolloutFixture f = new RolloutFixture(0, false);
        String c = io.modelfleet.testing.Api.unique("small");
        admin().body(Map.of("region", "us-east-1", "target", Map.of("type", "KUBERNETES", "apiServer",
                "https://api." + c + ".example:6443", "namespace", c, "credentialsRef", "env:MODELFLEET_CLUSTER_TEST"),
                "nodePools", List.of(Map.of("name", "gpu", "hardware", f.t4, "capacityType", "ON_DEMAND",
                        "maxNodes", 4)))).put("/api/v1/clusters/" + c).then().statusCode(201);
        Map<String, Double> rps = new java.util.HashMap<>();
        rps.put(f.variant("1.0.0", "FP16", f.t4, 9, 300, 1, TRITON), 300.0);
        deployTo(f, c, f.deployment, "1.0.0", 640, 0.25);
        assertEquals(RolloutStatus.SUCCEEDED, run(f.rollout(plan(f.deployment), null)).status());
        rps.put(f.variant("2.0.0", "INT8", f.t4, 7, 500, 1, TRITON), 500.0);
        deployTo(f, c, f.deployment, "2.0.0", 640, 0.25);
        cluster().readyDelay(2);
        double lowest = Double.MAX_VALUE;
        UUID id;
        try {
            id = f.rollout(plan(f.deployment), null);
            engine.claim();
            for (int i = 0; i < 200 && !view(id).status().terminal(); i++) {
                engine.drive(id, 1);
                for (int pass = 0; pass < 2; pass++) {
                    cluster().reconcile();
                    lowest = Math.min(lowest, capacity(c, f.deployment, rps));
                }
            }
        } finally {
            cluster().readyDelay(0);
        }
        RolloutView end = view(id);
        assertEquals(RolloutStatus.SUCCEEDED, end.status(), end.toString());
        assertEquals(1, end.clusters().get(0).steps().get(0).batchSize(), "the switch went one replica per batch");
        assertTrue(lowest >= 800, "lowest capacity " + lowest);
        assertNull(cluster().client().apps().deployments().inNamespace(c)
                .withName(f.deployment + "-fp16-" + f.t4.replace('.', '-')).get(), "the FP16 workload is retired");
    }

    private void deployTo(RolloutFixture f, String cluster, String name, String version, double rps,
            double headroom) {
        operator().body(Map.of("model", f.model, "version", version, "slo", Map.of("p99LatencyMs", 50,
                "headroom", headroom), "demand", List.of(Map.of("cluster", cluster, "rps", rps))))
                .put("/api/v1/deployments/" + name).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    @Test
    void aCrashBetweenARollbackAndTheRolloutsEndNeverStartsTheNextWave() {
        RolloutFixture f = t4Fleet(2);
        UUID id = f.rollout(f.plan(), null);
        // As a control plane killed right after the canary's rollback was recorded, before the rollout ended.
        pool.preparedQuery("UPDATE rollout_cluster SET status = 'ROLLED_BACK', reason = 'gate failed: simulated'"
                + " WHERE rollout_id = $1 AND cluster = $2").execute(Tuple.of(id, f.clusters.get(0)))
                .await().indefinitely();
        RolloutView end = run(id);
        assertEquals(RolloutStatus.ROLLED_BACK, end.status());
        assertEquals(ClusterStatus.SKIPPED, end.clusters().get(1).status());
        assertTrue(cluster().client().apps().deployments().inNamespace(f.clusters.get(1)).list().getItems().isEmpty(),
                "the later wave was never touched");
        assertEquals(0, count("SELECT count(*) FROM active_rollout_deployment WHERE rollout_id = $1", id));
    }

    @Test
    void aClusterLeavingTheDemandIsRetiredByARolloutOfItsOwn() {
        RolloutFixture f = t4Fleet(2);
        assertEquals(RolloutStatus.SUCCEEDED, run(f.rollout(f.plan(), null)).status());
        String kept = f.clusters.get(0);
        String left = f.clusters.get(1);
        assertEquals(3, objects(left), "Deployment, Service and PDB run on " + left);
        operator().body(Map.of("model", f.model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 50),
                "demand", List.of(Map.of("cluster", kept, "rps", 1500)))).put("/api/v1/deployments/" + f.deployment)
                .then().statusCode(200);
        engine.runOnce();
        UUID retirement = retirementOf(f.deployment);
        RolloutView end = run(retirement);
        assertEquals(RolloutKind.RETIREMENT, end.kind());
        assertEquals(RolloutStatus.SUCCEEDED, end.status());
        assertEquals(List.of(left), end.clusters().stream().map(RolloutViews.ClusterView::cluster).toList());
        assertEquals("REMOVE", end.clusters().get(0).steps().get(0).action().name());
        assertEquals(0, objects(left), "nothing of the deployment is left on " + left);
        assertEquals(3, objects(kept), "the cluster still in the demand keeps it");
        assertEquals(0, count("SELECT count(*) FROM running_placement WHERE deployment = $1 AND cluster = $2",
                f.deployment, left));
        engine.runOnce();
        assertEquals(1, count("SELECT count(DISTINCT r.id) FROM rollout r JOIN rollout_cluster c"
                + " ON c.rollout_id = r.id JOIN rollout_step s ON s.rollout_cluster_id = c.id"
                + " WHERE r.kind = 'RETIREMENT' AND s.deployment = $1", f.deployment),
                "once retired, nothing is retired again");
    }

    @Test
    void aDeletedDeploymentIsRetiredEverywhere() {
        RolloutFixture f = t4Fleet(2);
        assertEquals(RolloutStatus.SUCCEEDED, run(f.rollout(f.plan(), null)).status());
        operator().delete("/api/v1/deployments/" + f.deployment).then().statusCode(204);
        engine.runOnce();
        UUID retirement = retirementOf(f.deployment);
        assertEquals(RolloutStatus.SUCCEEDED, run(retirement).status());
        assertEquals(0, objects(f.clusters.get(0)) + objects(f.clusters.get(1)));
    }

    @Test
    void aNamespaceMoveRetiresTheOldNamespaceOnceTheNewOneServes() {
        RolloutFixture f = t4Fleet(1);
        String c = f.clusters.get(0);
        assertEquals(RolloutStatus.SUCCEEDED, run(f.rollout(f.plan(), null)).status());
        String moved = c + "-moved";
        admin().body(Map.of("region", "us-east-1", "target", Map.of("type", "KUBERNETES", "apiServer",
                "https://api." + c + ".example:6443", "namespace", moved, "credentialsRef",
                "env:MODELFLEET_CLUSTER_TEST"), "nodePools", List.of(
                        Map.of("name", "gpu", "hardware", f.t4, "capacityType", "ON_DEMAND", "maxNodes", 10),
                        Map.of("name", "cpu", "hardware", f.cpu, "capacityType", "ON_DEMAND", "maxNodes", 10))))
                .put("/api/v1/clusters/" + c).then().statusCode(200);
        UUID id = f.rollout(f.plan(), null);
        engine.claim();
        boolean oldRemovedBeforeNewServed = false;
        for (int i = 0; i < 200 && !view(id).status().terminal(); i++) {
            engine.drive(id, 1);
            boolean newServes = cluster().available(moved, f.deployment) >= 2;
            oldRemovedBeforeNewServed |= objects(c) == 0 && !newServes;
            cluster().reconcile();
        }
        RolloutView end = view(id);
        assertEquals(RolloutStatus.SUCCEEDED, end.status());
        assertEquals(List.of("UPSERT", "RETIRE", "REMOVE"), end.clusters().get(0).steps().stream()
                .map(s -> s.action().name()).toList());
        assertEquals(c, end.clusters().get(0).steps().get(2).namespace());
        assertEquals(0, objects(c), "the old namespace is empty");
        assertEquals(3, objects(moved));
        assertTrue(!oldRemovedBeforeNewServed, "the old namespace served until the new one did");
    }

    @Test
    void pauseStopsTheClockOfAWaitingStepsDeadline() {
        RolloutFixture f = t4Fleet(1);
        String ns = f.clusters.get(0);
        cluster().stall(ns);
        UUID id = f.rollout(f.plan(), 60);
        engine.claim();
        engine.drive(id, 3);
        assertEquals("APPLIED", view(id).clusters().get(0).steps().get(0).status().name());
        operator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(200);
        clock.step(Duration.ofSeconds(300));
        operator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);
        engine.claim();
        engine.drive(id, 5);
        assertEquals(RolloutStatus.RUNNING, view(id).status(), "five paused minutes did not use up the 60 s deadline");
        clock.step(Duration.ofSeconds(61));
        engine.claim();
        engine.drive(id, 5);
        RolloutView after = view(id);
        assertTrue(after.reason() != null && after.reason().contains("gate failed: " + ns + "/"), after.toString());
    }

    /** The retirement started for a deployment (runOnce may already have driven it to its end). */
    private UUID retirementOf(String deployment) {
        return pool.preparedQuery("SELECT r.id FROM rollout r JOIN rollout_cluster c ON c.rollout_id = r.id"
                + " JOIN rollout_step s ON s.rollout_cluster_id = c.id WHERE r.kind = 'RETIREMENT'"
                + " AND s.deployment = $1 ORDER BY r.created_at DESC LIMIT 1")
                .execute(Tuple.of(deployment)).await().indefinitely().iterator().next().getUUID("id");
    }

    private int objects(String namespace) {
        var client = cluster().client();
        return client.apps().deployments().inNamespace(namespace).list().getItems().size()
                + client.services().inNamespace(namespace).list().getItems().size()
                + client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems().size();
    }
}
