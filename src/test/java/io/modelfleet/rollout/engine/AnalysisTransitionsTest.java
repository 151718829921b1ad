package io.modelfleet.rollout.engine;

import static io.modelfleet.analysis.domain.Verdict.ERROR;
import static io.modelfleet.analysis.domain.Verdict.FAIL;
import static io.modelfleet.analysis.domain.Verdict.INCONCLUSIVE;
import static io.modelfleet.analysis.domain.Verdict.PASS;
import static io.modelfleet.testing.ScriptedStepAnalysis.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.StepStatus;
import io.modelfleet.rollout.kube.ManifestRenderer;
import io.modelfleet.rollout.kube.Workload;
import io.modelfleet.testing.ScriptedStepAnalysis;
import io.modelfleet.testing.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Analyzed steps (docs/designs/003-metric-analysis.md, "States") on a rollout held in memory, with scripted
 * measurements and a stepped clock: when measurements are taken, what each decision does to the step, the cluster
 * and the rollout, and what a crash between a query and its commit leaves.
 */
class AnalysisTransitionsTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    private static final MetricsSource PROMETHEUS = new MetricsSource("http://prometheus.monitoring:9090", null);
    private static final AnalysisSettings SETTINGS = new AnalysisSettings(QueryRuntime.TRITON, Duration.ofSeconds(30),
            3, Duration.ofSeconds(10), 0, 1, 2, 50, 0.01, Duration.ofMinutes(1));

    private final SteppedClock clock = new SteppedClock(START);
    private final ScriptedStepAnalysis analysis = new ScriptedStepAnalysis(clock);

    private TransitionRunner runner(FakeTarget target) {
        return new TransitionRunner(cluster -> target, (plan, cluster, ns) -> List.of(), clock, 3,
                Duration.ofSeconds(1), analysis);
    }

    private static Workload workload(String hardware, Precision precision, int replicas, String image) {
        return RolloutTransitionsTest.workload("d", hardware, precision, replicas, image);
    }

    /** One cluster, one analyzed placement of d (UPSERT, RETIRE). */
    private MemoryRollout analyzedRollout(Workload w) {
        return analyzedRollout(w, SETTINGS);
    }

    private MemoryRollout analyzedRollout(Workload w, AnalysisSettings settings) {
        MemoryRollout m = new MemoryRollout();
        long c = m.cluster("prod-use1", 0);
        m.placement(c, w, 60);
        m.analyzed(m.steps.keySet().iterator().next(), new AnalysisSnapshot(PROMETHEUS, settings, 50));
        return m;
    }

    private static AnalysisSettings withCount(int count) {
        return new AnalysisSettings(QueryRuntime.TRITON, Duration.ofSeconds(30), count, Duration.ofSeconds(10), 0, 1,
                2, 50, 0.01, Duration.ofMinutes(1));
    }

    private long upsert(MemoryRollout m) {
        return m.steps.keySet().iterator().next();
    }

    /** Drives until idle (paused or ended), settling the target; returns the transitions committed. */
    private List<String> drive(MemoryRollout m, FakeTarget target) {
        return m.drive(runner(target), clock, 200, state -> target.settle());
    }

    private String stepColumn(MemoryRollout m, long step, String column) {
        return (String) m.steps.get(step).get(column);
    }

    @Test
    void anAnalyzedStepMeasuresCountTimesAnIntervalApartAfterTheInitialDelayThenRetires() {
        FakeTarget target = new FakeTarget(true);
        MemoryRollout m = analyzedRollout(workload("g4dn.xlarge", Precision.INT8, 2, "triton:1"));
        analysis.then(PASS).then(PASS).then(PASS);
        List<String> done = drive(m, target);
        assertEquals(List.of("StartCluster", "Capture", "Apply", "Gate", "Analyze", "Analyze", "Analyze", "Capture",
                "Retire", "CompleteCluster", "Finish"), done);
        assertEquals(RolloutStatus.SUCCEEDED, m.status());
        List<Instant> taken = m.measurements.stream().filter(r -> r.measurement().check().equals("p99"))
                .map(r -> r.measurement().at()).toList();
        assertEquals(List.of(START.plusSeconds(10), START.plusSeconds(40), START.plusSeconds(70)), taken,
                "initialDelay 10 s after the gate, then every 30 s");
        assertEquals(9, m.measurements.size(), "three checks of three measurements");
        long step = upsert(m);
        assertEquals("DONE", stepColumn(m, step, "status"));
        assertEquals("ANALYSIS_PASSED", stepColumn(m, step, "reason_code"));
        assertEquals("PASS", stepColumn(m, step, "analysis_verdict"));
        assertEquals("PASS: 3 of 3 measurements passed every check", stepColumn(m, step, "analysis_decision"));
        ScriptedStepAnalysis.Call call = analysis.calls().get(0);
        assertEquals(PROMETHEUS, call.source());
        assertEquals(SETTINGS, call.settings());
        String specHash = io.modelfleet.rollout.kube.Manifests.specHashLabel(stepColumn(m, step, "desired"));
        assertTrue(specHash.matches("[0-9a-f]{16}"), specHash);
        assertEquals(new io.modelfleet.analysis.domain.AnalysisTarget("prod-use1", "d", "prod", "d-int8-g4dn-xlarge",
                "variant-g4dn.xlarge", specHash, 2, false, QueryRuntime.TRITON, 50), call.target(),
                "the variant is the pod template's modelfleet.io/variant label, the hash the Deployment's label");
    }

    @Test
    void aStepWithoutMetricsSourceIsDoneAtItsGateAndSaysItWasNotAnalyzed() {
        FakeTarget target = new FakeTarget(true);
        MemoryRollout m = new MemoryRollout();
        m.placement(m.cluster("prod-use1", 0), workload("g4dn.xlarge", Precision.INT8, 2, "triton:1"), 60);
        drive(m, target);
        assertEquals(RolloutStatus.SUCCEEDED, m.status());
        long step = upsert(m);
        assertEquals("NOT_ANALYZED", stepColumn(m, step, "reason_code"));
        assertTrue(stepColumn(m, step, "reason").endsWith("; no metrics source: not analyzed"),
                stepColumn(m, step, "reason"));
        assertEquals(0, analysis.calls().size());
    }

    @Test
    void aFailedMeasurementRollsTheClusterBackWithItsNumbers() {
        FakeTarget target = new FakeTarget(true);
        MemoryRollout m = analyzedRollout(workload("g4dn.xlarge", Precision.INT8, 2, "triton:2"));
        analysis.then(PASS).then(FAIL);
        drive(m, target);
        assertEquals(RolloutStatus.ROLLED_BACK, m.status());
        long step = upsert(m);
        assertEquals("ROLLED_BACK", stepColumn(m, step, "status"));
        assertEquals("FAIL: 1 of 2 measurements failed (failureLimit 0)", stepColumn(m, step, "analysis_decision"));
        String cluster = (String) m.clusters.values().iterator().next().get("reason");
        assertEquals("rolled back: analysis failed: 1 of 2 measurements failed (failureLimit 0); last measurement 2"
                + " FAIL (p99 80.0 FAIL: p99 80.0 ms > 50.0 ms; errorRatio 0.0 PASS: 0.0 <= 0.01;"
                + " requests 600.0 PASS: 600 >= 50)", cluster);
        assertEquals("FAIL", stepColumn(m, step, "analysis_verdict"));
        assertFalse(target.get("Deployment/prod/d-int8-g4dn-xlarge").isPresent(),
                "what the step created is removed again");
    }

    @Test
    void errorsPastTheConsecutiveLimitRollBackAndFewerDoNot() {
        FakeTarget target = new FakeTarget(true);
        MemoryRollout m = analyzedRollout(workload("g4dn.xlarge", Precision.INT8, 2, "triton:2"), withCount(10));
        analysis.then(ERROR).then(ERROR).then(PASS).then(ERROR).then(ERROR).then(ERROR);
        drive(m, target);
        assertEquals(RolloutStatus.ROLLED_BACK, m.status());
        assertEquals(6, analysis.calls().size(), "two errors, a pass, then three errors: past the limit of 2");
        assertTrue(((String) m.rollout.get("reason")).contains("analysis failed: 3 consecutive measurements could not"
                + " be taken (consecutiveErrorLimit 2)"), (String) m.rollout.get("reason"));
        assertEquals(ClusterStatus.ROLLED_BACK, m.clusterStatus(m.clusters.keySet().iterator().next()));
    }

    @Test
    void inconclusiveMeasurementsPauseTheRolloutAndAResumeCountsThemAgain() {
        FakeTarget target = new FakeTarget(true);
        MemoryRollout m = analyzedRollout(workload("g4dn.xlarge", Precision.INT8, 2, "triton:2"), withCount(5));
        analysis.then(INCONCLUSIVE).then(INCONCLUSIVE);
        drive(m, target);
        assertEquals(RolloutStatus.PAUSED, m.status());
        assertEquals("ANALYSIS_INCONCLUSIVE", m.rollout.get("reason_code"));
        assertEquals(START.plusSeconds(40), m.rollout.get("paused_at"));
        long step = upsert(m);
        assertEquals("ANALYZING", stepColumn(m, step, "status"), "the step waits, neither done nor failed");
        assertEquals("INCONCLUSIVE", stepColumn(m, step, "analysis_verdict"));
        assertInstanceOf(Transition.Idle.class, RolloutDecider.next(m.state(), clock.instant().plusSeconds(3600)));

        clock.step(Duration.ofMinutes(10));
        m.resume(Duration.ofMinutes(10));
        assertEquals(START.plusSeconds(70).plus(Duration.ofMinutes(10)),
                m.state().clusters().get(0).steps().get(0).analysis().nextMeasurementAt(),
                "the next measurement comes one interval after the resume");
        analysis.then(INCONCLUSIVE).then(PASS).then(PASS);
        drive(m, target);
        assertEquals(RolloutStatus.SUCCEEDED, m.status(), "one inconclusive after the resume is within the limit,"
                + " though three were taken in all");
        assertEquals(5, analysis.calls().size());
        assertEquals("PASS: 2 of 5 measurements passed every check", stepColumn(m, step, "analysis_decision"));
    }

    @Test
    void aKillBetweenTheQueryAndItsCommitMeasuresAgainAndCountsOnlyWhatWasCommitted() {
        FakeTarget target = new FakeTarget(true);
        MemoryRollout m = analyzedRollout(workload("g4dn.xlarge", Precision.INT8, 2, "triton:2"));
        analysis.then(FAIL).then(PASS).then(PASS).then(PASS);
        TransitionRunner runner = runner(target);
        Transition t;
        do {
            target.settle();
            RolloutState s = m.state();
            t = RolloutDecider.next(s, clock.instant());
            if (t instanceof Transition.Wait w) {
                clock.set(w.until());
            } else if (!(t instanceof Transition.Analyze)) {
                m.commit(runner.run(s, t, () -> { }));
            }
        } while (!(t instanceof Transition.Analyze));
        Outcome lost = runner.run(m.state(), t, () -> { });
        assertEquals(3, lost.measurements.size(), "the FAIL was measured, but the process dies before committing it");
        assertEquals(0, m.measurements.size());
        assertEquals(t, RolloutDecider.next(m.state(), clock.instant()), "the next owner decides the same Analyze");
        drive(m, target);
        assertEquals(RolloutStatus.SUCCEEDED, m.status(), "the FAIL never counted");
        assertEquals(List.of(1, 2, 3), m.measurements.stream().filter(r -> r.measurement().check().equals("p99"))
                .map(Outcome.MeasurementRow::seq).toList(), "the repeated measurement is number 1 again");
        assertEquals(4, analysis.calls().size());
    }

    @Test
    void aGitOpsStepWaitsForAvailabilityThenIsAnalyzedAndOnlyThenRetiresTheOldHardware() {
        FakeTarget target = new FakeTarget(false);
        ManifestRenderer.withDefaults().render(workload("c6i.xlarge", Precision.INT8, 4, "ovms:1"))
                .forEach(target::put);
        MemoryRollout m = analyzedRollout(workload("g4dn.xlarge", Precision.FP16, 1, "triton:1"));
        ScriptedStepAnalysis.Check notYet = check("availability", 0.0, FAIL, "0 of 1 replicas available");
        ScriptedStepAnalysis.Check available = check("availability", 1.0, PASS, "1 of 1 replicas available");
        analysis.then(List.of(notYet)).then(List.of(notYet)).then(List.of(available));
        for (int i = 0; i < 3; i++) {
            analysis.then(List.of(available, check("p99", 9.0, PASS, "p99 9.0 ms <= 50.0 ms"),
                    check("requests", 400.0, PASS, "400 >= 50")));
        }
        List<String> done = drive(m, target);
        assertEquals(RolloutStatus.SUCCEEDED, m.status());
        assertEquals(List.of("StartCluster", "Capture", "Apply", "Gate", "Analyze", "Analyze", "Analyze", "Capture",
                "Retire", "CompleteCluster", "Finish"), done, "two polls only observed; the third passed the gate");
        assertTrue(analysis.calls().stream().allMatch(c -> c.target().gitops()));
        long retire = new ArrayList<>(m.steps.keySet()).get(1);
        assertEquals("RETIRED", stepColumn(m, retire, "reason_code"), stepColumn(m, retire, "reason"));
        assertFalse(target.get("Deployment/prod/d-int8-c6i-xlarge").isPresent(), "the old hardware is retired");
        List<String> w = target.writes();
        assertTrue(w.indexOf("delete Deployment/prod/d-int8-c6i-xlarge") > w.indexOf(
                "apply Deployment/prod/d-fp16-g4dn-xlarge replicas=1 CREATED"), w.toString());
    }

    @Test
    void aGitOpsStepNeverAvailableBeforeItsDeadlineRollsBack() {
        FakeTarget target = new FakeTarget(false);
        MemoryRollout m = analyzedRollout(workload("g4dn.xlarge", Precision.FP16, 1, "triton:1"));
        for (int i = 0; i < 70; i++) {
            analysis.then(List.of(check("availability", 0.0, FAIL, "0 of 1 replicas available")));
        }
        drive(m, target);
        assertEquals(RolloutStatus.ROLLED_BACK, m.status());
        String reason = (String) m.rollout.get("reason");
        assertTrue(reason.contains("gate failed: prod/d-fp16-g4dn-xlarge was not available with 1 replicas after 60 s"
                + " (availability FAIL: 0 of 1 replicas available)"), reason);
    }

    /** A check that does not apply (errorRatio OPTIONAL, no outcome counter) neither fails nor blocks a pass. */
    @Test
    void aNotApplicableErrorRatioLetsTheStepPassOnItsMeasuredChecks() {
        FakeTarget target = new FakeTarget(true);
        MemoryRollout m = analyzedRollout(workload("g4dn.xlarge", Precision.INT8, 2, "kserve:1"), withCount(2));
        for (int i = 0; i < 2; i++) {
            analysis.then(List.of(check("requests", 600.0, PASS, "600 requests in 60s"),
                    check("p99", 12.0, PASS, "p99 12 ms <= 50 ms"),
                    check("errorRatio", null, io.modelfleet.analysis.domain.Verdict.NOT_APPLICABLE,
                            "error ratio not applicable: the workload exports no http_requests_total{code}")));
        }
        drive(m, target);
        assertEquals(RolloutStatus.SUCCEEDED, m.status());
        long step = upsert(m);
        assertEquals("ANALYSIS_PASSED", stepColumn(m, step, "reason_code"));
        assertEquals("PASS", stepColumn(m, step, "analysis_verdict"));
        assertEquals("PASS: 2 of 2 measurements passed every check", stepColumn(m, step, "analysis_decision"));
        assertTrue(m.measurements.stream().anyMatch(r -> r.measurement().verdict()
                == io.modelfleet.analysis.domain.Verdict.NOT_APPLICABLE), "stored as such, shown beside the others");
    }
}
