package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.token;
import static io.modelfleet.testing.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.rollout.RolloutViews.RolloutView;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.modelfleet.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UpgradeAndGitOpsTest {

    @Inject
    RolloutEngine engine;

    @Inject
    MockKubernetesClients clients;

    private RolloutView run(UUID id) {
        engine.claim();
        for (int i = 0; i < 300; i++) {
            engine.drive(id, 1);
            clients.cluster().reconcile();
            RolloutView v = viewer().get("/api/v1/rollouts/" + id).then().extract().as(RolloutView.class);
            if (v.status().terminal()) {
                return v;
            }
        }
        throw new AssertionError("did not end");
    }

    @Test
    void upgradeShowsTheDiffBeforeApplyingAndTheRolloutAppliesIt() {
        // v1: INT8 on CPU at 200 rps -> 4 replicas, 2 per c6i-like node -> 2 nodes = $0.34/h per cluster.
        // v2: FP16 on T4 at 1000 rps -> 1 replica = $0.526/h. Delta per cluster +0.186, for two clusters +0.372.
        RolloutFixture f = new RolloutFixture(2, false);
        f.variant("1.0.0", "INT8", f.cpu, 20, 200, 0, "openvino/model_server:2024.4");
        f.deploy("1.0.0", 800);
        assertEquals(RolloutStatus.SUCCEEDED, run(f.rollout(f.plan(), null)).status());
        f.variant("2.0.0", "FP16", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.08-py3");

        JsonPath upgrade = operator().body(Map.of("version", "2.0.0"))
                .post("/api/v1/deployments/" + f.deployment + "/upgrade").then().statusCode(201)
                .body("plan.status", equalTo("OPTIMAL"))
                .body("diff.changes.size()", equalTo(2))
                .body("diff.changes[0].change", equalTo("SIDE_BY_SIDE"))
                .body("diff.changes[0].current.precision", equalTo("INT8"))
                .body("diff.changes[0].current.hardware", equalTo(f.cpu))
                .body("diff.changes[0].current.replicas", equalTo(4))
                .body("diff.changes[0].planned.precision", equalTo("FP16"))
                .body("diff.changes[0].planned.hardware", equalTo(f.t4))
                .body("diff.changes[0].planned.replicas", equalTo(1))
                .body("diff.changes[0].costDeltaUsd", equalTo(0.186f))
                .body("diff.costDeltaUsd", equalTo(0.372f))
                .extract().jsonPath();
        String oldName = f.deployment + "-int8-" + f.cpu.replace('.', '-');
        String newName = f.deployment + "-fp16-" + f.t4.replace('.', '-');
        for (String ns : f.clusters) {
            assertNotNull(deployment(ns, oldName));
            assertNull(deployment(ns, newName), "nothing is applied before the rollout");
        }
        viewer().get("/api/v1/deployments/" + f.deployment).then().body("version", equalTo("1.0.0"));
        String planId = upgrade.getString("plan.id");
        RolloutView end = run(UUID.fromString(operator().body(Map.of("planId", planId)).post("/api/v1/rollouts")
                .then().statusCode(201).extract().path("id")));
        assertEquals(RolloutStatus.SUCCEEDED, end.status());
        for (String ns : f.clusters) {
            assertNull(deployment(ns, oldName), "retired on " + ns);
            assertNotNull(deployment(ns, newName));
        }
        viewer().get("/api/v1/plans/" + planId + "/diff").then().statusCode(200)
                .body("changes.change", org.hamcrest.Matchers.everyItem(equalTo("UNCHANGED")))
                .body("costDeltaUsd", equalTo(0.0f));
        viewer().get("/api/v1/deployments/" + f.deployment).then().body("version", equalTo("2.0.0"));
    }

    @Test
    void aPlanWhoseVariantChangedSinceIsNotRolledOut() {
        RolloutFixture f = new RolloutFixture(1, true);
        String id = f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.08-py3");
        f.deploy("1.0.0", 1500);
        String plan = f.plan();
        Map<String, Object> changed = new java.util.HashMap<>(io.modelfleet.testing.Fixtures.variant("INT8", f.t4));
        changed.put("version", "1.0.0");
        changed.put("benchmarks", List.of(Map.of("hardware", f.t4, "batchSize", 8, "p99LatencyMs", 7,
                "throughputRps", 500, "acceleratorsPerReplica", 1, "vcpusPerReplica", 2, "memoryGiBPerReplica", 2)));
        operator().body(changed).put("/api/v1/models/" + f.model + "/variants/" + id).then().statusCode(200);
        operator().body(Map.of("planId", plan)).post("/api/v1/rollouts").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("changed since plan"));
    }

    @Test
    void upgradeToAVersionWithoutVariantsIsRefused() {
        RolloutFixture f = new RolloutFixture(1, false);
        f.variant("1.0.0", "INT8", f.cpu, 20, 200, 0, "openvino/model_server:2024.4");
        f.deploy("1.0.0", 100);
        operator().body(Map.of("version", "9.0.0")).post("/api/v1/deployments/" + f.deployment + "/upgrade")
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
        viewer().get("/api/v1/deployments/" + f.deployment).then().body("version", equalTo("1.0.0"));
        operator().body(Map.of("version", "1.0.0")).post("/api/v1/deployments/nope/upgrade").then().statusCode(404);
    }

    @Test
    void gitOpsTargetWritesPlainYamlPerClusterAndRerunningWritesIdenticalBytes() throws Exception {
        RolloutFixture f = new RolloutFixture(1, true);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.08-py3");
        f.deploy("1.0.0", 1500);
        RolloutView first = run(f.rollout(f.plan(), null));
        assertEquals(RolloutStatus.SUCCEEDED, first.status());
        assertEquals("written to the GitOps directory; Argo CD or Flux applies it; no metrics source: not analyzed",
                first.clusters().get(0).steps().get(0).reason());
        Path dir = Path.of("target/gitops-test").resolve(f.clusters.get(0)).resolve(f.deployment);
        Map<String, String> before = files(dir);
        assertEquals(List.of("deployment-" + f.deployment + "-int8-" + f.t4.replace('.', '-') + ".yaml",
                "kustomization.yaml", "poddisruptionbudget-" + f.deployment + "-int8-" + f.t4.replace('.', '-')
                        + ".yaml", "service-" + f.deployment + ".yaml"), List.copyOf(before.keySet()));
        assertTrue(before.get("deployment-" + f.deployment + "-int8-" + f.t4.replace('.', '-') + ".yaml")
                .contains("nvidia.com/gpu: \"1\""));
        assertEquals(RolloutStatus.SUCCEEDED, run(f.rollout(f.plan(), null)).status());
        assertEquals(before, files(dir), "a second rollout of the same plan writes the same bytes");
    }

    @Test
    void onGitOpsTheOldHardwareStaysUntilALaterRolloutFindsTheNewOneInPlace() throws Exception {
        RolloutFixture f = new RolloutFixture(1, true);
        f.variant("1.0.0", "INT8", f.cpu, 20, 200, 0, "openvino/model_server:2024.4");
        f.deploy("1.0.0", 800);
        run(f.rollout(f.plan(), null));
        f.variant("2.0.0", "FP16", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.08-py3");
        f.deploy("2.0.0", 800);
        String plan = f.plan();
        Path dir = Path.of("target/gitops-test").resolve(f.clusters.get(0)).resolve(f.deployment);
        String oldFile = "deployment-" + f.deployment + "-int8-" + f.cpu.replace('.', '-') + ".yaml";
        String newFile = "deployment-" + f.deployment + "-fp16-" + f.t4.replace('.', '-') + ".yaml";
        RolloutView second = run(f.rollout(plan, null));
        assertTrue(second.clusters().get(0).steps().get(1).reason().startsWith("kept "),
                second.clusters().get(0).steps().get(1).reason());
        assertTrue(Files.exists(dir.resolve(oldFile)) && Files.exists(dir.resolve(newFile)),
                "both workloads are in the directory while the GitOps controller brings the new one up");
        run(f.rollout(plan, null));
        assertTrue(!Files.exists(dir.resolve(oldFile)) && Files.exists(dir.resolve(newFile)),
                "the next rollout, finding the new workload in place, retires the old one");
    }

    @Test
    void eventsStreamTheRolloutUntilItEnds() {
        RolloutFixture f = new RolloutFixture(1, true);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.08-py3");
        f.deploy("1.0.0", 1500);
        UUID id = f.rollout(f.plan(), null);
        run(id);
        given().auth().oauth2(token(Api.As.VIEWER)).accept("text/event-stream")
                .get("/api/v1/rollouts/" + id + "/events").then().statusCode(200)
                .body(containsString("\"status\":\"SUCCEEDED\""));
    }

    private io.fabric8.kubernetes.api.model.apps.Deployment deployment(String ns, String name) {
        return clients.cluster().client().apps().deployments().inNamespace(ns).withName(name).get();
    }

    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                out.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return out;
    }
}
