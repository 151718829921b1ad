package io.modelfleet.rollout.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.StepStatus;
import io.modelfleet.rollout.kube.ManifestRenderer;
import io.modelfleet.rollout.kube.Workload;
import io.modelfleet.testing.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The transition logic alone — {@link RolloutDecider} and {@link TransitionRunner} on a rollout held in memory and a
 * fake target — with time stepped by hand. Each test names the invariant of docs/designs/001-rollout-engine.md it
 * proves.
 */
class RolloutTransitionsTest {

    private static final String NS = "prod";
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final FakeTarget target = new FakeTarget(true);
    private final TransitionRunner runner = new TransitionRunner(cluster -> target, (plan, cluster, ns) -> List.of(),
            clock, 3, Duration.ofSeconds(1));

    static Workload workload(String deployment, String hardware, Precision precision, int replicas, String image) {
        boolean cpu = hardware.startsWith("c");
        return new Workload(deployment, "prod-use1", NS, "resnet50", "1.0.0", "variant-" + hardware, precision,
                hardware, CapacityType.ON_DEMAND, image, "s3://models/" + deployment, "a".repeat(64), 8, replicas,
                cpu ? 0 : 1, cpu ? null : "nvidia.com/gpu", 2, 2, Map.of(), List.of());
    }

    /** What a previous rollout left running: the rendered objects, all ready. */
    private void running(Workload w) {
        ManifestRenderer.withDefaults().render(w).forEach(target::put);
        target.settle();
    }

    /** Drives until terminal; {@code beforeEach} may change the target (readiness) before every decision. */
    private List<String> drive(MemoryRollout m, Consumer<RolloutState> beforeEach) {
        return m.drive(runner, clock, 500, beforeEach);
    }

    @Test
    void noLaterWaveStartsOnceAClusterWasRolledBack() {
        MemoryRollout m = new MemoryRollout();
        long canary = m.cluster("canary", 0);
        long later = m.cluster("later", 1);
        m.placement(canary, workload("d", "g4dn.xlarge", Precision.INT8, 2, "triton:1"), 60);
        m.placement(later, workload("d", "g4dn.xlarge", Precision.INT8, 2, "triton:1"), 60);
        m.clusters.get(canary).put("status", ClusterStatus.ROLLED_BACK.name());
        Transition t = RolloutDecider.next(m.state(), clock.instant());
        assertInstanceOf(Transition.Finish.class, t);
        assertEquals(RolloutStatus.ROLLED_BACK, ((Transition.Finish) t).status());

        m.clusters.get(canary).put("status", ClusterStatus.ROLLING_BACK.name());
        assertInstanceOf(Transition.CompleteRollback.class, RolloutDecider.next(m.state(), clock.instant()),
                "a cluster rolling back is finished first, and nothing was captured, so it completes");
    }

    @Test
    void pausedAndEndedRolloutsAreIdle() {
        MemoryRollout m = new MemoryRollout();
        m.placement(m.cluster("c", 0), workload("d", "g4dn.xlarge", Precision.INT8, 1, "triton:1"), 60);
        for (RolloutStatus s : List.of(RolloutStatus.PAUSED, RolloutStatus.SUCCEEDED, RolloutStatus.ROLLED_BACK,
                RolloutStatus.ABORTED, RolloutStatus.FAILED)) {
            m.rollout.put("status", s.name());
            assertInstanceOf(Transition.Idle.class, RolloutDecider.next(m.state(), clock.instant()), s.name());
        }
    }

    @Test
    void aRollbackGoesNewestStepFirst() {
        MemoryRollout m = new MemoryRollout();
        long c = m.cluster("c", 0);
        m.placement(c, workload("a", "c6i.xlarge", Precision.INT8, 1, "ovms:1"), 60);
        m.placement(c, workload("b", "c6i.xlarge", Precision.INT8, 1, "ovms:1"), 60);
        m.clusters.get(c).put("status", ClusterStatus.ROLLING_BACK.name());
        List<Long> ids = new ArrayList<>(m.steps.keySet());
        for (int i = 0; i < 3; i++) {
            m.steps.get(ids.get(i)).put("status", i == 2 ? StepStatus.FAILED.name() : StepStatus.DONE.name());
            m.steps.get(ids.get(i)).put("previous", "");
        }
        Transition t = RolloutDecider.next(m.state(), clock.instant());
        assertEquals(new Transition.Restore(c, ids.get(2)), t, "b's UPSERT (position 2) first, not a's steps");
    }

    @Test
    void aForeignObjectOfTheSameNameStopsTheStepAndIsNeverWritten() {
        target.put(new ServiceBuilder().withNewMetadata().withName("d").withNamespace(NS)
                .withLabels(Map.of("app", "someone-elses")).endMetadata().withNewSpec()
                .withSelector(Map.of("app", "someone-elses")).endSpec().build());
        MemoryRollout m = new MemoryRollout();
        long c = m.cluster("c", 0);
        m.placement(c, workload("d", "g4dn.xlarge", Precision.INT8, 1, "triton:1"), 60);
        drive(m, s -> target.settle());
        assertEquals(RolloutStatus.ROLLED_BACK, m.status());
        long upsert = m.steps.keySet().iterator().next();
        assertEquals(ReasonCode.OWNERSHIP_CONFLICT.name(), m.steps.get(upsert).get("reason_code"));
        assertTrue(((String) m.steps.get(upsert).get("reason")).startsWith("Service prod/d exists and was not created by"
                + " ModelFleet for deployment 'd'"), (String) m.steps.get(upsert).get("reason"));
        assertEquals(List.of(), target.writes(), "nothing was applied or deleted");
        assertEquals(Map.of("app", "someone-elses"), target.get("Service/prod/d").orElseThrow().getMetadata().getLabels());
        assertTrue(m.lockReleased);
    }

    @Test
    void anInPlaceDecreaseRollsTheTemplateAtTheOldCountBeforeScalingDown() {
        running(workload("d", "g4dn.xlarge", Precision.INT8, 4, "triton:1"));
        MemoryRollout m = new MemoryRollout();
        m.placement(m.cluster("c", 0), workload("d", "g4dn.xlarge", Precision.INT8, 2, "triton:2"), 60);
        List<String> transitions = drive(m, s -> target.settle());
        assertEquals(RolloutStatus.SUCCEEDED, m.status());
        String name = "Deployment/prod/d-int8-g4dn-xlarge";
        assertEquals(List.of("apply " + name + " replicas=4 PATCHED", "apply Service/prod/d UNCHANGED",
                "apply PodDisruptionBudget/prod/d-int8-g4dn-xlarge UNCHANGED", "apply " + name + " replicas=2 PATCHED"),
                target.writes(), "the new template rolls at 4 replicas; only then does it shrink to the planned 2");
        assertEquals(List.of("StartCluster", "Capture", "Apply", "Gate", "Gate", "Capture", "Retire",
                "CompleteCluster", "Finish"), transitions);
    }

    @Test
    void aBudgetLeftFromTwoReplicasIsRemovedWhenTheCountDropsToOneAndRestoredByARollback() {
        running(workload("d", "g4dn.xlarge", Precision.INT8, 2, "triton:1"));
        MemoryRollout m = new MemoryRollout();
        m.placement(m.cluster("c", 0), workload("d", "g4dn.xlarge", Precision.INT8, 1, "triton:2"), 60);
        drive(m, s -> target.settle());
        assertEquals(RolloutStatus.SUCCEEDED, m.status());
        assertFalse(target.get("PodDisruptionBudget/prod/d-int8-g4dn-xlarge").isPresent());
        assertTrue(target.writes().contains("delete PodDisruptionBudget/prod/d-int8-g4dn-xlarge"), target.writes()
                .toString());

        FakeTarget again = new FakeTarget(true);
        ManifestRenderer.withDefaults().render(workload("d", "g4dn.xlarge", Precision.INT8, 2, "triton:1"))
                .forEach(again::put);
        again.settle();
        TransitionRunner r = new TransitionRunner(cluster -> again, (plan, cluster, ns) -> List.of(), clock, 3,
                Duration.ofSeconds(1));
        MemoryRollout failing = new MemoryRollout();
        failing.placement(failing.cluster("c", 0), workload("d", "g4dn.xlarge", Precision.INT8, 1, "triton:2"), 5);
        for (int i = 0; i < 50 && !failing.status().terminal(); i++) {
            RolloutState state = failing.state();
            if (state.clusters().get(0).status() == ClusterStatus.IN_PROGRESS) {
                again.status(NS, "d-int8-g4dn-xlarge", 2, 1, 1);
                clock.step(Duration.ofSeconds(6));
            } else {
                again.settle();
            }
            failing.commit(r.run(state, RolloutDecider.next(state, clock.instant()), () -> { }));
        }
        assertEquals(RolloutStatus.ROLLED_BACK, failing.status());
        assertTrue(again.get("PodDisruptionBudget/prod/d-int8-g4dn-xlarge").isPresent(), "the budget is back");
    }

    @Test
    void aRollbackBringsTheOldWorkloadBackAndRemovesTheNewOnlyOnceTheOldServes() {
        // a switches from CPU (4 replicas) to T4 (1); b's new image never becomes ready, so the cluster rolls back.
        running(workload("a", "c6i.xlarge", Precision.INT8, 4, "ovms:1"));
        running(workload("b", "g4dn.xlarge", Precision.INT8, 2, "triton:1"));
        MemoryRollout m = new MemoryRollout();
        long c = m.cluster("c", 0);
        m.placement(c, workload("a", "g4dn.xlarge", Precision.FP16, 1, "triton:1"), 60);
        m.placement(c, workload("b", "g4dn.xlarge", Precision.INT8, 2, "triton:broken"), 60);
        int[] holdCpu = {3};
        drive(m, s -> {
            target.settle();
            if (target.get("Deployment/prod/b-int8-g4dn-xlarge").orElseThrow().toString().contains("triton:broken")) {
                target.status(NS, "b-int8-g4dn-xlarge", 3, 2, 1);
            }
            if (s.clusters().get(0).status() == ClusterStatus.IN_PROGRESS
                    && s.clusters().get(0).steps().get(2).status() == StepStatus.APPLIED) {
                clock.step(Duration.ofSeconds(61));
            }
            if (target.writes().contains("apply Deployment/prod/a-int8-c6i-xlarge replicas=4 CREATED")
                    && holdCpu[0]-- > 0) {
                target.status(NS, "a-int8-c6i-xlarge", 4, 0, 4);
                assertTrue(target.get("Deployment/prod/a-fp16-g4dn-xlarge").isPresent(),
                        "the T4 workload keeps serving while the re-created CPU one is not available");
            }
        });
        assertEquals(RolloutStatus.ROLLED_BACK, m.status());
        List<String> w = target.writes();
        int recreateCpu = w.indexOf("apply Deployment/prod/a-int8-c6i-xlarge replicas=4 CREATED");
        int deleteT4 = w.indexOf("delete Deployment/prod/a-fp16-g4dn-xlarge");
        assertTrue(recreateCpu >= 0 && deleteT4 > recreateCpu, "CPU back first, T4 removed after: " + w);
        assertTrue(target.get("Deployment/prod/a-int8-c6i-xlarge").isPresent());
        assertFalse(target.get("Deployment/prod/a-fp16-g4dn-xlarge").isPresent());
        assertTrue(target.get("Deployment/prod/b-int8-g4dn-xlarge").orElseThrow().toString().contains("triton:1"),
                "b runs its old image again");
    }

    @Test
    void aSwitchOnPoolsWithoutRoomForBothGrowsTheNewOneBatchByBatchAndShrinksTheOldToWhatStillCoversTheNeed() {
        // Need 800 rps. Old: INT8 on CPU, 4 x 200. New: FP16 on T4, 3 x 300, one replica per batch.
        running(workload("a", "c6i.xlarge", Precision.INT8, 4, "ovms:1"));
        MemoryRollout m = new MemoryRollout();
        m.placement(m.cluster("c", 0), workload("a", "g4dn.xlarge", Precision.FP16, 3, "triton:1"), 60);
        Map<String, Object> upsert = m.steps.values().iterator().next();
        upsert.put("batch_size", 1);
        upsert.put("old_workload", "a-int8-c6i-xlarge");
        upsert.put("need_rps", 800.0);
        upsert.put("old_rps", 200.0);
        upsert.put("new_rps", 300.0);
        List<Double> capacity = new ArrayList<>();
        drive(m, s -> {
            target.settle();
            int newer = target.get("Deployment/prod/a-fp16-g4dn-xlarge").map(d -> io.modelfleet.rollout.kube.Manifests
                    .replicas((io.fabric8.kubernetes.api.model.apps.Deployment) d)).orElse(0);
            int older = target.get("Deployment/prod/a-int8-c6i-xlarge").map(d -> io.modelfleet.rollout.kube.Manifests
                    .replicas((io.fabric8.kubernetes.api.model.apps.Deployment) d)).orElse(0);
            capacity.add(newer * 300.0 + older * 200.0);
        });
        assertEquals(RolloutStatus.SUCCEEDED, m.status());
        assertEquals(List.of("apply Deployment/prod/a-fp16-g4dn-xlarge replicas=1 CREATED",
                "apply Service/prod/a UNCHANGED", "apply PodDisruptionBudget/prod/a-fp16-g4dn-xlarge CREATED",
                "apply Deployment/prod/a-int8-c6i-xlarge replicas=3 PATCHED",
                "apply Deployment/prod/a-fp16-g4dn-xlarge replicas=2 PATCHED",
                "apply Deployment/prod/a-int8-c6i-xlarge replicas=1 PATCHED",
                "apply Deployment/prod/a-fp16-g4dn-xlarge replicas=3 PATCHED",
                "delete Deployment/prod/a-int8-c6i-xlarge", "delete PodDisruptionBudget/prod/a-int8-c6i-xlarge"),
                target.writes());
        assertTrue(capacity.stream().allMatch(c -> c >= 800), "capacity after every transition: " + capacity);
    }

    @Test
    void aRetireInterruptedBetweenTheDeploymentAndItsBudgetIsFinishedOnResume() {
        running(workload("a", "c6i.xlarge", Precision.INT8, 4, "ovms:1"));
        MemoryRollout m = new MemoryRollout();
        m.placement(m.cluster("c", 0), workload("a", "g4dn.xlarge", Precision.FP16, 1, "triton:1"), 60);
        for (int i = 0; i < 20; i++) {
            target.settle();
            RolloutState state = m.state();
            Transition t = RolloutDecider.next(state, clock.instant());
            if (t instanceof Transition.Retire) {
                target.crashOnDeleteOf("PodDisruptionBudget/prod/a-int8-c6i-xlarge");
                // The process dies there: the Deployment is gone, its budget is not, and the outcome is never
                // committed.
                runner.run(state, t, () -> { });
                break;
            }
            m.commit(runner.run(state, t, () -> { }));
        }
        assertFalse(target.get("Deployment/prod/a-int8-c6i-xlarge").isPresent());
        assertTrue(target.get("PodDisruptionBudget/prod/a-int8-c6i-xlarge").isPresent());
        drive(m, s -> target.settle());
        assertEquals(RolloutStatus.SUCCEEDED, m.status());
        assertFalse(target.get("PodDisruptionBudget/prod/a-int8-c6i-xlarge").isPresent(), "the resume finished it");
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffThenFailTheStep() {
        MemoryRollout m = new MemoryRollout();
        m.placement(m.cluster("c", 0), workload("d", "g4dn.xlarge", Precision.INT8, 1, "triton:1"), 60);
        target.failNext(conflict(), conflict(), conflict());
        Instant start = clock.instant();
        drive(m, s -> target.settle());
        assertEquals(RolloutStatus.ROLLED_BACK, m.status());
        long upsert = m.steps.keySet().iterator().next();
        assertEquals(ReasonCode.RETRIES_EXHAUSTED.name(), m.steps.get(upsert).get("reason_code"));
        assertEquals("gave up after 3 attempts: Kubernetes API answered 409", m.steps.get(upsert).get("reason"));
        assertEquals(Duration.ofSeconds(3), Duration.between(start, clock.instant()), "backoff 1 s, then 2 s");
    }

    @Test
    void aDatabaseOutageInTheMiddleOfATransitionEndsThePassInsteadOfFailingTheStep() {
        MemoryRollout m = new MemoryRollout();
        m.placement(m.cluster("c", 0), workload("d", "g4dn.xlarge", Precision.INT8, 1, "triton:1"), 60);
        boolean[] down = {true};
        TransitionRunner r = new TransitionRunner(cluster -> {
            if (down[0]) {
                throw new StoreUnavailable(new IllegalStateException("FATAL: terminating connection (57P01)"));
            }
            return target;
        }, (plan, cluster, ns) -> List.of(), clock, 3, Duration.ofSeconds(1));
        m.commit(r.run(m.state(), RolloutDecider.next(m.state(), clock.instant()), () -> { }));
        RolloutState started = m.state();
        Transition capture = RolloutDecider.next(started, clock.instant());
        org.junit.jupiter.api.Assertions.assertThrows(StoreUnavailable.class,
                () -> r.run(started, capture, () -> { }), "the pass ends; nothing is decided about the step");
        Transition fenceDown = RolloutDecider.next(m.state(), clock.instant());
        assertEquals(capture, fenceDown, "the stored state is unchanged, so the same transition comes next");
        down[0] = false;
        for (int i = 0; i < 50 && !m.status().terminal(); i++) {
            target.settle();
            RolloutState state = m.state();
            m.commit(r.run(state, RolloutDecider.next(state, clock.instant()), () -> { }));
        }
        assertEquals(RolloutStatus.SUCCEEDED, m.status(), "PostgreSQL back: the rollout goes on as if nothing happened");
    }

    @Test
    void aForbiddenAnswerFailsAtOnce() {
        MemoryRollout m = new MemoryRollout();
        m.placement(m.cluster("c", 0), workload("d", "g4dn.xlarge", Precision.INT8, 1, "triton:1"), 60);
        target.failNext(new KubernetesClientException("forbidden", 403, null));
        drive(m, s -> target.settle());
        long upsert = m.steps.keySet().iterator().next();
        assertEquals(ReasonCode.TARGET_MISCONFIGURED.name(), m.steps.get(upsert).get("reason_code"));
        assertEquals(0, m.steps.get(upsert).get("attempts"));
        assertEquals(RolloutStatus.ROLLED_BACK, m.status());
    }

    @Test
    void aRollbackThatCannotCompleteIsRollbackFailedKeepsTheLockAndKeepsRetrying() {
        running(workload("d", "g4dn.xlarge", Precision.INT8, 2, "triton:1"));
        MemoryRollout m = new MemoryRollout();
        long c = m.cluster("c", 0);
        m.placement(c, workload("d", "g4dn.xlarge", Precision.INT8, 2, "triton:broken"), 10);
        // Forward: the new image never becomes ready; after the deadline the rollback fails 6 times in a row.
        List<RolloutStatus> seen = new ArrayList<>();
        int[] failuresLeft = {6};
        drive(m, s -> {
            seen.add(s.status());
            if (s.clusters().get(0).status() == ClusterStatus.IN_PROGRESS) {
                target.status(NS, "d-int8-g4dn-xlarge", 3, 2, 1);
                clock.step(Duration.ofSeconds(11));
            } else if (failuresLeft[0]-- > 0) {
                target.failNext(new KubernetesClientException("unavailable", 503, null));
            } else {
                target.settle();
            }
        });
        assertTrue(seen.contains(RolloutStatus.ROLLBACK_FAILED), "needs attention while it cannot roll back: " + seen);
        int firstStuck = seen.indexOf(RolloutStatus.ROLLBACK_FAILED);
        assertFalse(seen.subList(firstStuck, seen.size() - 1).stream().anyMatch(RolloutStatus::terminal),
                "never silently terminal while stuck");
        assertEquals(RolloutStatus.ROLLED_BACK, m.status(), "once the target answers again the rollback completes");
        assertTrue(target.get("Deployment/prod/d-int8-g4dn-xlarge").orElseThrow().toString().contains("triton:1"));
    }

    @Test
    void abortRollsBackTheClusterInProgressAndEndsAborted() {
        running(workload("d", "g4dn.xlarge", Precision.INT8, 2, "triton:1"));
        MemoryRollout m = new MemoryRollout();
        long first = m.cluster("a", 0);
        long second = m.cluster("b", 1);
        m.placement(first, workload("d", "g4dn.xlarge", Precision.INT8, 2, "triton:2"), 60);
        m.placement(second, workload("d", "g4dn.xlarge", Precision.INT8, 2, "triton:2"), 60);
        drive(m, s -> {
            if (s.clusters().get(0).steps().get(0).status() == StepStatus.APPLIED
                    && s.status() == RolloutStatus.RUNNING) {
                m.rollout.put("status", RolloutStatus.ABORTING.name());
            }
            target.settle();
        });
        assertEquals(RolloutStatus.ABORTED, m.status());
        assertEquals(ClusterStatus.ROLLED_BACK, m.clusterStatus(first));
        assertEquals(ClusterStatus.SKIPPED, m.clusterStatus(second));
        assertTrue(target.get("Deployment/prod/d-int8-g4dn-xlarge").orElseThrow().toString().contains("triton:1"));
        assertTrue(m.lockReleased);
    }

    @Test
    void everyTransitionCanRunAgainAfterACrashBeforeItsCommit() {
        // Each rollout twice: once straight through, once with every transition performed, "crashed" before its
        // commit (outcome dropped), and performed again. Both must end in the same state with the same objects.
        Workload cpu = workload("a", "c6i.xlarge", Precision.INT8, 4, "ovms:1");
        Workload t4 = workload("a", "g4dn.xlarge", Precision.FP16, 2, "triton:1");
        assertEquals(List.of("SUCCEEDED [Deployment/prod/a-fp16-g4dn-xlarge replicas=2, Service/prod/a,"
                + " PodDisruptionBudget/prod/a-fp16-g4dn-xlarge]"), crashingEachTransition(cpu, t4));
        Workload four = workload("a", "g4dn.xlarge", Precision.INT8, 4, "triton:1");
        Workload one = workload("a", "g4dn.xlarge", Precision.INT8, 1, "triton:2");
        assertEquals(List.of("SUCCEEDED [Deployment/prod/a-int8-g4dn-xlarge replicas=1, Service/prod/a]"),
                crashingEachTransition(four, one), "a scale-down written just before the crash is waited for");
    }

    /** The distinct ends of the straight run and the crashing run (one element when they agree). */
    private List<String> crashingEachTransition(Workload before, Workload after) {
        List<String> ends = new ArrayList<>();
        for (boolean crash : List.of(false, true)) {
            FakeTarget t = new FakeTarget(true);
            ManifestRenderer.withDefaults().render(before).forEach(t::put);
            t.settle();
            TransitionRunner r = new TransitionRunner(cluster -> t, (plan, cluster, ns) -> List.of(), clock, 3,
                    Duration.ofSeconds(1));
            MemoryRollout m = new MemoryRollout();
            m.placement(m.cluster("c", 0), after, 60);
            for (int i = 0; i < 100 && !m.status().terminal(); i++) {
                t.settle();
                RolloutState state = m.state();
                Transition next = RolloutDecider.next(state, clock.instant());
                if (crash) {
                    r.run(state, next, () -> { });
                    t.settle();
                }
                m.commit(r.run(m.state(), next, () -> { }));
            }
            List<String> objects = new ArrayList<>();
            for (String key : List.of("Deployment/prod/a-int8-c6i-xlarge", "Deployment/prod/a-fp16-g4dn-xlarge",
                    "Deployment/prod/a-int8-g4dn-xlarge", "Service/prod/a", "PodDisruptionBudget/prod/a-int8-c6i-xlarge",
                    "PodDisruptionBudget/prod/a-fp16-g4dn-xlarge", "PodDisruptionBudget/prod/a-int8-g4dn-xlarge")) {
                t.get(key).ifPresent(o -> objects.add(key + (o instanceof io.fabric8.kubernetes.api.model.apps.Deployment d
                        ? " replicas=" + io.modelfleet.rollout.kube.Manifests.replicas(d) : "")));
            }
            String end = m.status() + " " + objects;
            if (!ends.contains(end)) {
                ends.add(end);
            }
        }
        return ends;
    }

    private static KubernetesClientException conflict() {
        return new KubernetesClientException("conflict", 409, null);
    }
}
