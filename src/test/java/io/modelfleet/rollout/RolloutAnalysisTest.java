package io.modelfleet.rollout;

import static io.modelfleet.analysis.domain.Verdict.FAIL;
import static io.modelfleet.analysis.domain.Verdict.INCONCLUSIVE;
import static io.modelfleet.analysis.domain.Verdict.PASS;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.rollout.RolloutViews.RolloutView;
import io.modelfleet.rollout.RolloutViews.StepView;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.StepStatus;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.modelfleet.testing.OffsetClock;
import io.modelfleet.testing.ScriptedStepAnalysis;
import io.modelfleet.testing.TestAnalysisInputs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Analyzed rollouts end to end on the Fabric8 mock cluster and PostgreSQL, with measurements scripted by
 * {@link ScriptedStepAnalysis} (the real-Prometheus runs are analysis-core's harness): the snapshot taken at
 * creation, measurements committed with their decisions, the view, rollback on FAIL and pause on INCONCLUSIVE.
 */
@QuarkusTest
class RolloutAnalysisTest {

    private static final String TRITON = "nvcr.io/nvidia/tritonserver:24.08-py3";
    private static final MetricsSource PROMETHEUS = new MetricsSource("http://prometheus.monitoring:9090",
            "env:MODELFLEET_METRICS_TEST");
    private static final AnalysisSettings FAST = new AnalysisSettings(null, Duration.ofSeconds(30), 3,
            Duration.ZERO, 0, 1, 4, 50, 0.01, Duration.ofMinutes(1));

    @Inject
    RolloutEngine engine;

    @Inject
    MockKubernetesClients clients;

    @Inject
    OffsetClock clock;

    @Inject
    Pool pool;

    /** Drives until the rollout ends or pauses, reconciling the mock cluster and stepping 30 s when it waits. */
    private RolloutView run(RolloutEngine e, UUID id) {
        for (int i = 0; i < 200; i++) {
            // Claimed on every pass: a step of the clock past the lease lets it lapse, as a long wait would.
            e.claim();
            String before = viewer().get("/api/v1/rollouts/" + id).asString();
            e.drive(id, 1);
            clients.cluster().reconcile();
            RolloutView v = RolloutRunner.view(id);
            if (v.status().terminal() || v.status() == RolloutStatus.PAUSED) {
                return v;
            }
            if (before.equals(viewer().get("/api/v1/rollouts/" + id).asString())) {
                clock.step(Duration.ofSeconds(30));
            }
        }
        throw new AssertionError("rollout " + id + " neither ended nor paused: " + RolloutRunner.view(id));
    }

    private RolloutFixture analyzedFleet(int clusters, int analyzed) {
        RolloutFixture f = new RolloutFixture(clusters, false);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, TRITON);
        f.deploy("1.0.0", 1500);
        for (int i = 0; i < analyzed; i++) {
            TestAnalysisInputs.metrics(f.clusters.get(i), PROMETHEUS);
        }
        TestAnalysisInputs.settingsFor(f.deployment, FAST);
        return f;
    }

    @Test
    void anAnalyzedStepPassesAfterItsMeasurementsAndTheViewShowsEveryOne() {
        RolloutFixture f = analyzedFleet(2, 1);
        ScriptedStepAnalysis script = new ScriptedStepAnalysis(clock).then(PASS).then(PASS).then(PASS);
        UUID id = f.rollout(f.plan(), null);
        // Edited after creation: the running rollout keeps what it was created with.
        TestAnalysisInputs.settingsFor(f.deployment, AnalysisSettings.DEFAULTS);
        RolloutView end = run(engine.withAnalysis(script), id);
        assertEquals(RolloutStatus.SUCCEEDED, end.status());
        assertEquals(3, script.calls().size(), "only the canary, which has a metrics source, is measured");
        ScriptedStepAnalysis.Call call = script.calls().get(0);
        assertEquals(PROMETHEUS, call.source());
        assertEquals(QueryRuntime.TRITON, call.settings().runtime(), "chosen from the tritonserver image");
        assertEquals(FAST.interval(), call.settings().interval());
        assertEquals(f.clusters.get(0), call.target().cluster());
        assertEquals(2, call.target().plannedReplicas());
        assertEquals(50.0, call.target().p99LimitMs());
        assertFalse(call.target().gitops());

        StepView canary = end.clusters().get(0).steps().get(0);
        assertEquals(StepStatus.DONE, canary.status());
        assertEquals("ANALYSIS_PASSED", canary.reasonCode());
        assertEquals("PASS", canary.analysis().verdict());
        assertEquals("PASS: 3 of 3 measurements passed every check", canary.analysis().decision());
        assertEquals(9, canary.analysis().measurements().size());
        assertEquals(List.of(1, 1, 1, 2, 2, 2, 3, 3, 3), canary.analysis().measurements().stream()
                .map(RolloutViews.MeasurementView::seq).toList());
        JsonPath json = viewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("errorRatio", json.getString("clusters[0].steps[0].analysis.measurements[0].check"));
        assertEquals(0.0f, json.getFloat("clusters[0].steps[0].analysis.measurements[0].value"));
        assertEquals("PASS", json.getString("clusters[0].steps[0].analysis.measurements[0].verdict"));
        assertEquals("errorRatio{namespace=\"" + f.clusters.get(0) + "\",workload=\"" + f.deployment + "-int8-"
                + f.t4.replace('.', '-') + "\"}", json.getString("clusters[0].steps[0].analysis.measurements[0].query"));
        assertTrue(json.getString("clusters[0].steps[0].analysis.measurements[0].at").startsWith("20"));
        assertFalse(json.getMap("clusters[1].steps[0]").containsKey("analysis"),
                "a step of a cluster without a metrics source has no analysis");
        assertEquals("NOT_ANALYZED", end.clusters().get(1).steps().get(0).reasonCode());
    }

    @Test
    void aFailingMeasurementRollsTheCanaryBackAndStopsTheLaterWave() {
        RolloutFixture f = analyzedFleet(2, 2);
        run(engine.withAnalysis(new ScriptedStepAnalysis(clock).then(PASS).then(PASS).then(PASS)
                .then(PASS).then(PASS).then(PASS)), f.rollout(f.plan(), null));
        f.variant("1.1.0", "INT8", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.09-py3");
        f.deploy("1.1.0", 1500);
        UUID id = f.rollout(f.plan(), null);
        RolloutView end = run(engine.withAnalysis(new ScriptedStepAnalysis(clock).then(PASS).then(FAIL)), id);
        assertEquals(RolloutStatus.ROLLED_BACK, end.status());
        assertEquals(ClusterStatus.ROLLED_BACK, end.clusters().get(0).status());
        assertEquals(ClusterStatus.SKIPPED, end.clusters().get(1).status());
        assertTrue(end.clusters().get(0).reason().startsWith("rolled back: analysis failed: "),
                end.clusters().get(0).reason());
        assertTrue(end.reason().startsWith("cluster " + f.clusters.get(0) + ": analysis failed: 1 of 2 measurements"
                + " failed (failureLimit 0); last measurement 2 FAIL (p99 80.0 FAIL: p99 80.0 ms > 50.0 ms"), end.reason());
        StepView step = end.clusters().get(0).steps().get(0);
        assertEquals("FAIL", step.analysis().verdict());
        assertEquals(6, step.analysis().measurements().size());
        String name = f.deployment + "-int8-" + f.t4.replace('.', '-');
        assertEquals(TRITON, clients.cluster().client().apps().deployments().inNamespace(f.clusters.get(0))
                .withName(name).get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                "the canary runs what it ran before");
    }

    @Test
    void inconclusiveMeasurementsPauseTheRolloutAndResumeMeasuresAgainAnIntervalLater() {
        RolloutFixture f = analyzedFleet(1, 1);
        ScriptedStepAnalysis script = new ScriptedStepAnalysis(clock).then(INCONCLUSIVE).then(INCONCLUSIVE);
        UUID id = f.rollout(f.plan(), null);
        RolloutEngine scripted = engine.withAnalysis(script);
        RolloutView paused = run(scripted, id);
        assertEquals(RolloutStatus.PAUSED, paused.status());
        assertEquals("ANALYSIS_INCONCLUSIVE", paused.reasonCode());
        assertTrue(paused.reason().endsWith("analysis inconclusive: 2 measurements were inconclusive"
                + " (inconclusiveLimit 1); resume to measure again (the inconclusive count starts again) or abort"),
                paused.reason());
        StepView step = paused.clusters().get(0).steps().get(0);
        assertEquals(StepStatus.ANALYZING, step.status());
        assertEquals("INCONCLUSIVE", step.analysis().verdict());
        assertNull(step.analysis().measurements().get(0).value(), "no data is no value, not zero");

        Object nextBefore = nextMeasurementAt(id);
        clock.step(Duration.ofMinutes(5));
        operator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);
        Duration moved = Duration.between((java.time.OffsetDateTime) nextBefore,
                (java.time.OffsetDateTime) nextMeasurementAt(id));
        // The test clock also runs with the wall clock, so the pause lasted 5 minutes and the test's own time.
        assertTrue(moved.compareTo(Duration.ofMinutes(5)) >= 0 && moved.compareTo(Duration.ofMinutes(6)) < 0,
                "resume moved the next measurement by the time paused: " + moved);
        assertNull(RolloutRunner.view(id).clusters().get(0).steps().get(0).analysis().verdict());
        script.then(PASS);
        RolloutView end = run(scripted, id);
        assertEquals(RolloutStatus.SUCCEEDED, end.status(), "the third measurement passed: count reached with a pass");
        assertEquals("PASS: 1 of 3 measurements passed every check",
                end.clusters().get(0).steps().get(0).analysis().decision());
    }

    private Object nextMeasurementAt(UUID id) {
        return pool.preparedQuery("SELECT s.next_measurement_at FROM rollout_step s JOIN rollout_cluster c"
                + " ON s.rollout_cluster_id = c.id WHERE c.rollout_id = $1 AND s.action = 'UPSERT'")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getOffsetDateTime(0);
    }
}
