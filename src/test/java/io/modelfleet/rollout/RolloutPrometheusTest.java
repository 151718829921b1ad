package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.rollout.RolloutViews.RolloutView;
import io.modelfleet.rollout.RolloutViews.StepView;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.StepStatus;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.modelfleet.testing.OffsetClock;
import io.modelfleet.testing.prometheus.PrometheusServer;
import io.modelfleet.testing.prometheus.ScrapeTarget;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Analyzed rollouts against a real Prometheus (analysis-core's harness: the {@code prometheus} binary scraping
 * series this test controls), measured by the engine's own {@code PrometheusStepAnalysis}: a slow variant fails and
 * rolls back, no data pauses and resume goes on, a Prometheus that is gone counts as errors until the limit, and a
 * GitOps rollout waits for kube-state-metrics availability before it retires the old hardware.
 */
@QuarkusTest
class RolloutPrometheusTest {

    private static final String TRITON = "nvcr.io/nvidia/tritonserver:24.08-py3";
    /** One measurement per 30 s of the engine's clock; rates over 1 m, the least window (the scrape is every second). */
    private static final Map<String, Object> SETTINGS = Map.of("interval", "30s", "count", 3, "initialDelay", "0s",
            "failureLimit", 0, "inconclusiveLimit", 1, "consecutiveErrorLimit", 1, "minRequests", 50,
            "maxErrorRatio", 0.01, "window", "1m");

    @Inject
    RolloutEngine engine;

    @Inject
    MockKubernetesClients clients;

    @Inject
    OffsetClock clock;

    private ScrapeTarget target;
    private PrometheusServer prometheus;

    @AfterEach
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (target != null) {
            target.close();
        }
    }

    /** Drives until the rollout ends or pauses, or {@code passes} run out; steps 30 s whenever nothing changed. */
    private RolloutView run(UUID id, int passes) {
        RolloutView v = RolloutRunner.view(id);
        for (int i = 0; i < passes; i++) {
            engine.claim();
            String before = v.toString();
            engine.drive(id, 1);
            clients.cluster().reconcile();
            v = RolloutRunner.view(id);
            if (v.status().terminal() || v.status() == RolloutStatus.PAUSED) {
                return v;
            }
            if (before.equals(v.toString())) {
                clock.step(Duration.ofSeconds(30));
            }
        }
        return v;
    }

    private RolloutView runToEnd(UUID id) {
        RolloutView v = run(id, 200);
        assertTrue(v.status().terminal() || v.status() == RolloutStatus.PAUSED, "did not end or pause: " + v);
        return v;
    }

    private static void triton(ScrapeTarget.Endpoint endpoint, double p99Micros, double successesPerSecond) {
        Map<String, String> model = Map.of("model", "m", "version", "1");
        endpoint.summary("nv_inference_request_summary_us", model, Map.of(0.5, p99Micros / 4, 0.99, p99Micros))
                .counter("nv_inference_request_success", model, successesPerSecond)
                .counter("nv_inference_request_failure", model, 0);
    }

    /** The variant id the pods of {@link #tritonFleet} carry in their {@code modelfleet.io/variant} label. */
    private String variant;

    private RolloutFixture tritonFleet(boolean gitops) {
        RolloutFixture f = new RolloutFixture(1, gitops);
        variant = f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, TRITON);
        f.deploy("1.0.0", 1500);
        f.analysis(SETTINGS);
        return f;
    }

    private static String t4Workload(RolloutFixture f, String precision) {
        return f.deployment + "-" + precision + "-" + f.t4.replace('.', '-');
    }

    /** Starts Prometheus over {@code target}'s pods and waits until the workload's counter has 11 samples. */
    private void startPrometheus(String workload) {
        prometheus = PrometheusServer.start(target);
        prometheus.awaitSamples("nv_inference_request_success{modelfleet_io_workload=\"" + workload + "\"}", 11);
    }

    @Test
    void aSlowVariantFailsItsAnalysisAndTheClusterIsRolledBack() {
        RolloutFixture f = tritonFleet(false);
        String ns = f.clusters.get(0);
        String workload = t4Workload(f, "int8");
        target = ScrapeTarget.start();
        triton(target.pod(ns, workload + "-a", f.deployment, workload, variant).endpoint(), 80_000, 100);
        startPrometheus(workload);
        f.metrics(ns, prometheus.url(), null);

        RolloutView end = runToEnd(f.rollout(f.plan(), null));
        assertEquals(RolloutStatus.ROLLED_BACK, end.status());
        assertTrue(end.reason().startsWith("cluster " + ns + ": analysis failed: 1 of 1 measurements failed"
                + " (failureLimit 0); last measurement 1 FAIL ("), end.reason());
        StepView step = end.clusters().get(0).steps().get(0);
        assertEquals("FAIL", step.analysis().verdict());
        RolloutViews.MeasurementView p99 = step.analysis().measurements().stream()
                .filter(m -> m.check().equals("p99")).findFirst().orElseThrow();
        assertEquals(80.0, p99.value(), 1e-9, "the summary's 0.99 quantile in ms");
        assertEquals("FAIL", p99.verdict());
        assertTrue(p99.query().startsWith("max(nv_inference_request_summary_us{quantile=\"0.99\""), p99.query());
        assertNull(clients.cluster().client().apps().deployments().inNamespace(ns).withName(workload).get(),
                "what the rollout created is removed again");
    }

    @Test
    void noDataPausesTheRolloutAndAfterResumeAPassingMeasurementFinishesIt() {
        RolloutFixture f = tritonFleet(false);
        String ns = f.clusters.get(0);
        String workload = t4Workload(f, "int8");
        target = ScrapeTarget.start();
        ScrapeTarget.Endpoint pod = target.pod(ns, workload + "-a", f.deployment, workload, variant).endpoint();
        prometheus = PrometheusServer.start(target);
        prometheus.awaitSamples("up{job=\"modelfleet-pods\"}", 2);
        f.metrics(ns, prometheus.url(), null);

        UUID id = f.rollout(f.plan(), null);
        RolloutView paused = runToEnd(id);
        assertEquals(RolloutStatus.PAUSED, paused.status(), paused.toString());
        assertEquals("ANALYSIS_INCONCLUSIVE", paused.reasonCode());
        StepView step = paused.clusters().get(0).steps().get(0);
        assertEquals(StepStatus.ANALYZING, step.status());
        assertEquals(6, step.analysis().measurements().size(), "two measurements of three checks");
        assertTrue(step.analysis().measurements().stream().allMatch(m -> m.value() == null
                && m.verdict().equals("INCONCLUSIVE")), step.analysis().measurements().toString());

        triton(pod, 12_000, 100);
        prometheus.awaitSamples("nv_inference_request_success{modelfleet_io_workload=\"" + workload + "\"}", 11);
        operator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);
        RolloutView end = runToEnd(id);
        assertEquals(RolloutStatus.SUCCEEDED, end.status(), end.toString());
        StepView done = end.clusters().get(0).steps().get(0);
        assertEquals("PASS: 1 of 3 measurements passed every check", done.analysis().decision());
        assertEquals(12.0, done.analysis().measurements().stream().filter(m -> m.seq() == 3
                && m.check().equals("p99")).findFirst().orElseThrow().value(), 1e-9);
    }

    @Test
    void aPrometheusThatIsGoneCountsAsErrorsAndRollsBackPastTheConsecutiveLimit() {
        RolloutFixture f = tritonFleet(false);
        String ns = f.clusters.get(0);
        String workload = t4Workload(f, "int8");
        target = ScrapeTarget.start();
        triton(target.pod(ns, workload + "-a", f.deployment, workload, variant).endpoint(), 12_000, 100);
        startPrometheus(workload);
        String url = prometheus.url();
        prometheus.close();
        prometheus = null;
        f.metrics(ns, url, null);

        RolloutView end = runToEnd(f.rollout(f.plan(), null));
        assertEquals(RolloutStatus.ROLLED_BACK, end.status());
        assertTrue(end.reason().contains("analysis failed: 2 consecutive measurements could not be taken"
                + " (consecutiveErrorLimit 1)"), end.reason());
        StepView step = end.clusters().get(0).steps().get(0);
        assertEquals("ERROR", step.analysis().verdict());
        assertTrue(step.analysis().measurements().stream().allMatch(m -> m.verdict().equals("ERROR")));
        assertEquals(2, step.analysis().measurements().stream().mapToInt(RolloutViews.MeasurementView::seq).max()
                .orElseThrow());
    }

    @Test
    void aGitOpsRolloutWaitsForKubeStateMetricsAvailabilityAndOnlyThenRetiresTheOldHardware() throws Exception {
        RolloutFixture f = new RolloutFixture(1, true);
        String cluster = f.clusters.get(0);
        f.variant("1.0.0", "INT8", f.cpu, 20, 200, 0, "openvino/model_server:2024.4");
        f.deploy("1.0.0", 800);
        RolloutView first = runToEnd(f.rollout(f.plan(), null));
        assertEquals(RolloutStatus.SUCCEEDED, first.status(), "not analyzed: the cluster has no metrics source yet");
        String ns = first.clusters().get(0).steps().get(0).namespace();
        Path dir = Path.of("target/gitops-test").resolve(cluster).resolve(f.deployment);
        String oldFile = "deployment-" + f.deployment + "-int8-" + f.cpu.replace('.', '-') + ".yaml";
        assertTrue(Files.exists(dir.resolve(oldFile)));

        variant = f.variant("2.0.0", "FP16", f.t4, 7, 1000, 1, TRITON);
        f.deploy("2.0.0", 800);
        f.analysis(SETTINGS);
        String workload = t4Workload(f, "fp16");
        target = ScrapeTarget.start();
        triton(target.pod(ns, workload + "-a", f.deployment, workload, variant).endpoint(), 9_000, 100);
        Map<String, String> ksm = Map.of("namespace", ns, "deployment", workload);
        target.kubeStateMetrics().gauge("kube_deployment_status_replicas_available", ksm, 0);
        startPrometheus(workload);
        f.metrics(cluster, prometheus.url(), null);

        UUID id = f.rollout(f.plan(), null);
        RolloutView unsynced = run(id, 4);
        assertTrue(unsynced.clusters().get(0).steps().get(0).reason().startsWith("waiting for availability:"
                + " INCONCLUSIVE: available replicas: no series"), unsynced.toString());
        // The agent synced the file just written: kube-state-metrics shows its spec, none of its pods available.
        String hash = specHash(dir.resolve("deployment-" + workload + ".yaml"));
        synced(ksm, hash, 1, 0, 0);
        awaitValue("count(kube_deployment_labels{label_modelfleet_io_spec_hash=\"" + hash + "\"})", 1);
        RolloutView waiting = run(id, 4);
        StepView upsert = waiting.clusters().get(0).steps().get(0);
        assertEquals(StepStatus.APPLIED, upsert.status(), waiting.toString());
        assertTrue(upsert.reason().startsWith("waiting for availability: FAIL: 0 of " + upsert.requiredReplicas()
                + " planned replicas available"), upsert.reason());
        assertTrue(Files.exists(dir.resolve(oldFile)) && Files.exists(dir.resolve("deployment-" + workload
                + ".yaml")), "both workloads' files while the synced one is not available");

        target.kubeStateMetrics().gauge("kube_deployment_status_replicas_available", ksm, upsert.requiredReplicas());
        synced(ksm, hash, 1, upsert.requiredReplicas(), upsert.requiredReplicas());
        awaitValue("sum(kube_deployment_status_replicas_available{deployment=\"" + workload + "\"})",
                upsert.requiredReplicas());
        RolloutView end = runToEnd(id);
        assertEquals(RolloutStatus.SUCCEEDED, end.status(), end.toString());
        StepView analyzed = end.clusters().get(0).steps().get(0);
        assertEquals("ANALYSIS_PASSED", analyzed.reasonCode());
        assertTrue(analyzed.analysis().measurements().stream().anyMatch(m -> m.check().equals("availability")
                && m.verdict().equals("PASS")));
        StepView retire = end.clusters().get(0).steps().get(1);
        assertEquals("RETIRED", retire.reasonCode(), retire.reason());
        assertFalse(Files.exists(dir.resolve(oldFile)), "the old hardware's file is removed after the analysis");
        assertTrue(Files.exists(dir.resolve("deployment-" + workload + ".yaml")));
        assertEquals(ClusterStatus.SUCCEEDED, end.clusters().get(0).status());
    }

    /**
     * A new model version on the same precision and hardware keeps its Deployment's name. While the GitOps agent
     * has not synced it, kube-state-metrics shows the old template complete and available, and while it rolls, the
     * old pods still serve: the step waits through both, and its analysis then measures only the new variant's
     * pods (the old, slow pod would fail it).
     */
    @Test
    void aSameNameGitOpsUpgradeWaitsForTheNewVariantsCompletedRolloutAndMeasuresOnlyItsPods() throws Exception {
        RolloutFixture f = tritonFleet(true);
        String cluster = f.clusters.get(0);
        String v1 = variant;
        // Registered now, planned only once the deployment asks for 2.0.0; its pod must be declared before
        // Prometheus starts (static targets).
        String v2 = f.variant("2.0.0", "INT8", f.t4, 7, 1000, 1, TRITON);
        String workload = t4Workload(f, "int8");
        String ns = "default"; // modelfleet.rollout.namespace: a GITOPS target that names none renders there
        target = ScrapeTarget.start();
        ScrapeTarget.Endpoint oldPod = target.pod(ns, workload + "-old", f.deployment, workload, v1).endpoint();
        triton(oldPod, 9_000, 100);
        ScrapeTarget.Endpoint newPod = target.pod(ns, workload + "-new", f.deployment, workload, v2).endpoint();
        Map<String, String> ksm = Map.of("namespace", ns, "deployment", workload);
        startPrometheus(workload);
        f.metrics(cluster, prometheus.url(), null);
        RolloutView first = run(f.rollout(f.plan(), null), 4);
        StepView firstStep = first.clusters().get(0).steps().get(0);
        int replicas = firstStep.requiredReplicas();
        Path file = Path.of("target/gitops-test").resolve(cluster).resolve(f.deployment)
                .resolve("deployment-" + workload + ".yaml");
        String hash1 = specHash(file);
        target.kubeStateMetrics().gauge("kube_deployment_status_replicas_available", ksm, replicas);
        synced(ksm, hash1, 1, replicas, replicas);
        assertEquals(ns, firstStep.namespace());
        awaitValue("count(kube_deployment_labels{label_modelfleet_io_spec_hash=\"" + hash1 + "\"})", 1);
        assertEquals(RolloutStatus.SUCCEEDED, runToEnd(first.id()).status());

        f.deploy("2.0.0", 1500);
        f.analysis(SETTINGS);
        UUID id = f.rollout(f.plan(), null);
        RolloutView notSynced = run(id, 8);
        StepView step = notSynced.clusters().get(0).steps().get(0);
        assertEquals(workload, step.workload(), "the same Deployment name");
        assertEquals(StepStatus.APPLIED, step.status(), notSynced.toString());
        assertEquals("waiting for availability: INCONCLUSIVE: available replicas: no series: "
                + "kube-state-metrics shows no completed rollout of the spec this step wrote yet (not synced, still"
                + " rolling, or kube-state-metrics runs without"
                + " --metric-labels-allowlist=deployments=[modelfleet.io/spec-hash])", step.reason(),
                "the old spec's replicas are available, but they are not the step's");
        String hash2 = specHash(file);
        assertFalse(hash2.equals(hash1), "a new version is a new spec");

        // Synced and rolling: one pod of the old template is left beside every replica of the new one.
        target.kubeStateMetrics().remove("kube_deployment_labels");
        synced(ksm, hash2, 2, replicas + 1, replicas);
        awaitValue("count(kube_deployment_labels{label_modelfleet_io_spec_hash=\"" + hash2 + "\"})", 1);
        awaitValue("sum(kube_deployment_status_replicas{deployment=\"" + workload + "\"})", replicas + 1);
        RolloutView rolling = run(id, 4);
        assertEquals(StepStatus.APPLIED, rolling.clusters().get(0).steps().get(0).status(), rolling.toString());

        // Complete; the old pod (slow by now) still exports its series, the new one serves fast.
        triton(oldPod, 80_000, 100);
        triton(newPod, 9_000, 100);
        synced(ksm, hash2, 2, replicas, replicas);
        awaitValue("sum(kube_deployment_status_replicas{deployment=\"" + workload + "\"})", replicas);
        prometheus.awaitSamples("nv_inference_request_success{modelfleet_io_variant=\"" + v2 + "\"}", 11);
        RolloutView end = runToEnd(id);
        assertEquals(RolloutStatus.SUCCEEDED, end.status(), end.toString());
        StepView analyzed = end.clusters().get(0).steps().get(0);
        assertEquals("ANALYSIS_PASSED", analyzed.reasonCode(), analyzed.reason());
        RolloutViews.MeasurementView p99 = analyzed.analysis().measurements().stream()
                .filter(m -> m.check().equals("p99")).findFirst().orElseThrow();
        assertEquals(9.0, p99.value(), 1e-9, "the new variant's pod only; the old pod's 80 ms is not selected");
        assertTrue(p99.query().contains("modelfleet_io_variant=\"" + v2 + "\""), p99.query());
    }

    /**
     * kube-state-metrics' view of a Deployment the GitOps agent synced: its {@code modelfleet.io/spec-hash} label
     * (as {@code --metric-labels-allowlist=deployments=[modelfleet.io/spec-hash]} exports it), generation {@code
     * generation} observed, {@code replicas} pods of which {@code updated} run the current template.
     */
    private void synced(Map<String, String> ksm, String specHash, int generation, int replicas, int updated) {
        Map<String, String> labels = new java.util.HashMap<>(ksm);
        labels.put("label_modelfleet_io_spec_hash", specHash);
        target.kubeStateMetrics().gauge("kube_deployment_labels", labels, 1)
                .gauge("kube_deployment_metadata_generation", ksm, generation)
                .gauge("kube_deployment_status_observed_generation", ksm, generation)
                .gauge("kube_deployment_status_replicas", ksm, replicas)
                .gauge("kube_deployment_status_replicas_updated", ksm, updated);
    }

    /** The spec hash label of the Deployment in a file the GitOps writer wrote. */
    private static String specHash(Path file) throws java.io.IOException {
        return io.modelfleet.rollout.kube.Manifests.specHashLabel(Files.readString(file));
    }

    private void awaitValue(String promql, double value) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            var result = prometheus.query(promql).path("data").path("result");
            if (result.size() == 1 && Double.parseDouble(result.get(0).path("value").get(1).asText()) == value) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(promql + " never reached " + value);
    }
}
