package io.modelfleet.rollout.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelfleet.analysis.domain.AnalysisDecision;
import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.AnalysisTarget;
import io.modelfleet.analysis.domain.Measurement;
import io.modelfleet.analysis.domain.StepAnalysis;
import io.modelfleet.analysis.domain.Verdict;
import io.modelfleet.rollout.RolloutTarget;
import io.modelfleet.rollout.RolloutTarget.WorkloadStatus;
import io.modelfleet.rollout.engine.RolloutState.Awaited;
import io.modelfleet.rollout.engine.RolloutState.ClusterState;
import io.modelfleet.rollout.engine.RolloutState.StepState;
import io.modelfleet.rollout.engine.Transition.Analyze;
import io.modelfleet.rollout.engine.Transition.Apply;
import io.modelfleet.rollout.engine.Transition.BeginRollback;
import io.modelfleet.rollout.engine.Transition.Capture;
import io.modelfleet.rollout.engine.Transition.CompleteCluster;
import io.modelfleet.rollout.engine.Transition.CompleteRollback;
import io.modelfleet.rollout.engine.Transition.Finish;
import io.modelfleet.rollout.engine.Transition.Gate;
import io.modelfleet.rollout.engine.Transition.GateRestore;
import io.modelfleet.rollout.engine.Transition.Restore;
import io.modelfleet.rollout.engine.Transition.Retire;
import io.modelfleet.rollout.engine.Transition.StartCluster;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutKind;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import io.modelfleet.rollout.kube.ManifestYaml;
import io.modelfleet.rollout.kube.Manifests;
import io.modelfleet.rollout.kube.ObjectNames;
import io.modelfleet.rollout.kube.Ownership;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Performs one transition against the cluster's target and says what to commit. Every write to a target is
 * preceded by {@link Fence#beforeWrite()} (a lease renewal), and every transition is idempotent against the state
 * it leaves, so a crash before the commit only means the same transition runs again.
 */
public final class TransitionRunner {

    private static final Logger LOG = Logger.getLogger(TransitionRunner.class);

    /** The target of a cluster; throws a {@link TargetFailure} when it cannot be had. */
    public interface Targets {
        RolloutTarget forCluster(String cluster);
    }

    /** What a cluster runs once a plan's rollout completed it (from the stored plan). */
    public interface Placements {
        List<Outcome.RunningRow> of(UUID planId, String cluster, Map<String, String> namespaceByDeployment);
    }

    /** Called before every write to a target: renews the lease or throws {@link LeaseLost}. */
    public interface Fence {
        void beforeWrite();
    }

    private final Targets targets;
    private final Placements placements;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final StepAnalysis analysis;

    /** A runner for rollouts none of whose steps is analyzed (their clusters had no metrics source). */
    public TransitionRunner(Targets targets, Placements placements, Clock clock, int maxAttempts, Duration backoff) {
        this(targets, placements, clock, maxAttempts, backoff, null);
    }

    public TransitionRunner(Targets targets, Placements placements, Clock clock, int maxAttempts, Duration backoff,
            StepAnalysis analysis) {
        this.analysis = analysis;
        this.targets = targets;
        this.placements = placements;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    public Outcome run(RolloutState rollout, Transition t, Fence fence) {
        if (t instanceof StartCluster s) {
            ClusterState c = cluster(rollout, s.clusterId());
            Outcome o = Outcome.transition(t);
            o.cluster(c.id()).status(ClusterStatus.IN_PROGRESS).set("started_at", now())
                    .reason(ReasonCode.WAVE_STARTED, "wave " + c.wave() + " started");
            LOG.infof("rollout=%s cluster=%s wave=%d started", rollout.id(), c.cluster(), c.wave());
            return o;
        }
        if (t instanceof CompleteCluster s) {
            return completeCluster(rollout, t, cluster(rollout, s.clusterId()));
        }
        if (t instanceof BeginRollback b) {
            return beginRollback(rollout, t, cluster(rollout, b.clusterId()), b.failedStepId(), b.code(), b.detail());
        }
        if (t instanceof CompleteRollback s) {
            return completeRollback(rollout, t, cluster(rollout, s.clusterId()));
        }
        if (t instanceof Finish f) {
            LOG.infof("rollout=%s %s: %s", rollout.id(), f.status(), f.detail());
            return Outcome.transition(t).finish(f.status(), f.code(), f.detail());
        }
        if (t instanceof Transition.OnStep s) {
            return s.rollback() ? backward(rollout, t, s.clusterId(), s.stepId(), fence)
                    : forward(rollout, t, s.clusterId(), s.stepId(), fence);
        }
        return Outcome.nothing(t);
    }

    // ---- forward steps ------------------------------------------------------------------------------------------

    private Outcome forward(RolloutState rollout, Transition t, long clusterId, long stepId, Fence fence) {
        ClusterState c = cluster(rollout, clusterId);
        StepState step = step(c, stepId);
        try {
            RolloutTarget target = targets.forCluster(c.cluster());
            if (t instanceof Capture) {
                return capture(t, c, step, target);
            }
            if (t instanceof Apply) {
                return apply(rollout, t, c, step, target, fence);
            }
            if (t instanceof Gate) {
                return gate(rollout, t, c, step, target, fence);
            }
            if (t instanceof Analyze) {
                return analyze(rollout, t, c, step, target, fence);
            }
            return retire(t, c, step, target, fence);
        } catch (LeaseLost | StoreUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            TargetFailure f = TargetFailures.classify(e);
            if (f.retryable() && step.attempts() + 1 < maxAttempts) {
                LOG.warnf("rollout=%s cluster=%s step=%d deployment=%s attempt %d failed, retrying: %s",
                        rollout.id(), c.cluster(), step.position(), step.deployment(), step.attempts() + 1,
                        f.getMessage());
                return retryLater(t, step, f, false);
            }
            ReasonCode code = f.retryable() ? ReasonCode.RETRIES_EXHAUSTED : f.code();
            String detail = (f.retryable() ? "gave up after " + maxAttempts + " attempts: " : "") + f.getMessage();
            LOG.warnf("rollout=%s cluster=%s step=%d deployment=%s failed: %s", rollout.id(), c.cluster(),
                    step.position(), step.deployment(), detail);
            return beginRollback(rollout, t, c, step.id(), code, detail);
        }
    }

    private Outcome capture(Transition t, ClusterState c, StepState step, RolloutTarget target) {
        List<HasMetadata> found = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (HasMetadata ref : touchedBy(c, step, target)) {
            Optional<HasMetadata> live = target.read(ref);
            if (live.isEmpty()) {
                continue;
            }
            if (!Ownership.ownedBy(live.get(), step.deployment())) {
                if (step.action() == StepAction.UPSERT) {
                    throw TargetFailure.fatal(ReasonCode.OWNERSHIP_CONFLICT,
                            Ownership.conflict(live.get(), step.deployment()));
                }
                foreign.add(Manifests.key(live.get()));
                continue;
            }
            found.add(Manifests.restorable(live.get()));
        }
        Outcome o = Outcome.transition(t);
        if (step.action() == StepAction.RETIRE && !target.observable() && !analysisPassed(c, step)
                && found.stream().anyMatch(x -> "Deployment".equals(x.getKind())) && !existedBefore(c, step)) {
            // Without analysis a GitOps directory cannot tell when the new workload serves: removing the old one in
            // the same sync could drop capacity. It stays until a rollout finds the new one already in place.
            o.step(step.id()).status(StepStatus.DONE).set("previous", "").reason(ReasonCode.KEPT_FOR_GITOPS,
                    "kept " + names(found) + " beside " + step.workload() + ": a GitOps target cannot report when the"
                            + " new workload serves; a later rollout of this deployment retires them");
            return o;
        }
        String detail = found.isEmpty() ? "nothing to change existed yet"
                : "stored " + found.stream().map(Manifests::key).collect(Collectors.joining(", "))
                        + " as the rollback point";
        if (!foreign.isEmpty()) {
            detail += "; left alone (not ModelFleet's): " + String.join(", ", foreign);
        }
        o.step(step.id()).status(StepStatus.CAPTURED).set("previous", ManifestYaml.of(found))
                .set("attempts", 0).set("next_attempt_at", null).reason(ReasonCode.CAPTURED, detail);
        return o;
    }

    /** The objects a step will change: its desired objects (UPSERT), or what it retires (RETIRE, REMOVE). */
    private static List<HasMetadata> touchedBy(ClusterState c, StepState step, RolloutTarget target) {
        if (step.action() == StepAction.UPSERT) {
            List<HasMetadata> desired = new ArrayList<>(Manifests.parseAll(step.desired()));
            if (desired.stream().noneMatch(o -> "PodDisruptionBudget".equals(o.getKind()))) {
                // Fewer than two replicas now: a budget left from a larger count would block every drain.
                desired.add(Manifests.workloadRefs(step.namespace(), step.workload(), step.deployment()).get(1));
            }
            if (step.gradual() != null) {
                // A gradual switch shrinks the old workload as the new one grows: it is part of the rollback point.
                desired.add(Manifests.workloadRefs(step.namespace(), step.gradual().oldWorkload(), step.deployment())
                        .get(0));
            }
            return desired;
        }
        List<HasMetadata> refs = new ArrayList<>();
        for (String name : target.workloadsOf(step.namespace(), step.deployment())) {
            if (step.action() == StepAction.REMOVE || !name.equals(step.workload())) {
                refs.addAll(Manifests.workloadRefs(step.namespace(), name, step.deployment()));
            }
        }
        if (step.action() == StepAction.REMOVE) {
            refs.add(new ServiceBuilder().withNewMetadata().withName(ObjectNames.service(step.deployment()))
                    .withNamespace(step.namespace()).withLabels(Map.of(Ownership.DEPLOYMENT_LABEL, step.deployment()))
                    .endMetadata().build());
        }
        return refs;
    }

    private Outcome apply(RolloutState rollout, Transition t, ClusterState c, StepState step, RolloutTarget target,
            Fence fence) {
        List<HasMetadata> objects = Manifests.parseAll(step.desired());
        Map<String, HasMetadata> before = byKey(Manifests.parseAll(step.previous()));
        // A GitOps target cannot report when a batch serves: it gets the final state in one write.
        Deployment old = target.observable() ? oldOfGradualSwitch(step, before) : null;
        List<String> results = new ArrayList<>();
        List<Awaited> awaiting = new ArrayList<>();
        Integer scaleDownTo = null;
        Integer appliedReplicas = null;
        if (old != null) {
            // Make room first: the old workload keeps only what still covers the need on its own.
            int keep = step.gradual().oldReplicasNeeded(0);
            if (keep < Manifests.replicas(old)) {
                fence.beforeWrite();
                results.add(Manifests.key(old) + " " + target.apply(Manifests.withReplicas(old, keep)).result()
                        + " to " + keep);
            }
        }
        for (HasMetadata object : objects) {
            HasMetadata toApply = object;
            if (object instanceof Deployment d && old != null) {
                appliedReplicas = Math.min(Manifests.replicas(d), step.gradual().batchSize());
                toApply = Manifests.withReplicas(d, appliedReplicas);
            } else if (object instanceof Deployment d && target.observable()
                    && before.get(Manifests.key(d)) instanceof Deployment was
                    && Manifests.replicas(was) > Manifests.replicas(d)) {
                // Never lower replicas while the template rolls: the controller would remove old pods at once.
                toApply = Manifests.withReplicas(d, Manifests.replicas(was));
                scaleDownTo = Manifests.replicas(d);
            }
            fence.beforeWrite();
            RolloutTarget.Applied applied = target.apply(toApply);
            results.add(Manifests.key(object) + " " + applied.result());
            if (toApply instanceof Deployment d) {
                awaiting.add(new Awaited(d.getMetadata().getName(), applied.generation(), Manifests.replicas(d)));
            }
        }
        String staleBudget = "PodDisruptionBudget/" + step.namespace() + "/" + step.workload();
        if (objects.stream().noneMatch(o -> Manifests.key(o).equals(staleBudget)) && before.containsKey(staleBudget)) {
            deleteOwned(List.of(before.get(staleBudget)), step.deployment(), target, fence)
                    .forEach(key -> results.add(key + " DELETED"));
        }
        int waitFor = awaiting.stream().mapToInt(Awaited::replicas).sum();
        Outcome o = Outcome.transition(t);
        o.step(step.id()).status(StepStatus.APPLIED).set("awaiting", RolloutStore.awaitingJson(awaiting))
                .set("scale_down_to", scaleDownTo).set("applied_replicas", appliedReplicas)
                .set("deadline_at", now().plusSeconds(step.timeoutSeconds()))
                .set("attempts", 0).set("next_attempt_at", null)
                .reason(ReasonCode.APPLIED, "applied " + String.join(", ", results) + "; waiting for " + waitFor
                        + " replicas of " + step.workload());
        LOG.infof("rollout=%s cluster=%s step=%d deployment=%s applied %s", rollout.id(), c.cluster(),
                step.position(), step.deployment(), results);
        return o;
    }

    /** The old Deployment a gradual switch shrinks, as captured; null when the switch goes all at once. */
    private static Deployment oldOfGradualSwitch(StepState step, Map<String, HasMetadata> captured) {
        if (step.gradual() == null) {
            return null;
        }
        return captured.get("Deployment/" + step.namespace() + "/" + step.gradual().oldWorkload()) instanceof Deployment d
                ? d : null;
    }

    /**
     * A gradual switch's batch passed its gate: shrink the old workload to what still covers the need beside the
     * new replicas that serve, then grow the new one by another batch.
     */
    private Outcome nextBatch(Transition t, StepState step, Deployment old, RolloutTarget target, Fence fence) {
        Deployment planned = (Deployment) Manifests.parseAll(step.desired()).stream()
                .filter(x -> x instanceof Deployment).findFirst().orElseThrow();
        int serving = step.gradual().appliedReplicas();
        int keep = Math.min(Manifests.replicas(old), step.gradual().oldReplicasNeeded(serving));
        fence.beforeWrite();
        target.apply(Manifests.withReplicas(old, keep));
        int next = Math.min(Manifests.replicas(planned), serving + step.gradual().batchSize());
        fence.beforeWrite();
        RolloutTarget.Applied applied = target.apply(Manifests.withReplicas(planned, next));
        Outcome o = Outcome.transition(t);
        o.step(step.id()).set("awaiting", RolloutStore.awaitingJson(List.of(new Awaited(
                planned.getMetadata().getName(), applied.generation(), next))))
                .set("applied_replicas", next).set("deadline_at", now().plusSeconds(step.timeoutSeconds()))
                .reason(ReasonCode.APPLIED, serving + " new replicas serve; " + old.getMetadata().getName()
                        + " scaled to " + keep + "; " + step.workload() + " grows to " + next + " of "
                        + Manifests.replicas(planned));
        return o;
    }

    private Outcome gate(RolloutState rollout, Transition t, ClusterState c, StepState step, RolloutTarget target,
            Fence fence) {
        if (!target.observable()) {
            if (step.analyzed()) {
                return awaitAvailability(rollout, t, c, step, target, fence);
            }
            Outcome o = Outcome.transition(t);
            o.step(step.id()).status(StepStatus.DONE).reason(ReasonCode.NOT_ANALYZED,
                    "written to the GitOps directory; Argo CD or Flux applies it; " + NOT_ANALYZED);
            return o;
        }
        Outcome alreadyScaled = scaleDownAlreadyApplied(t, step, target);
        if (alreadyScaled != null) {
            return alreadyScaled;
        }
        Progress progress = progress(target, step.namespace(), step.awaiting());
        if (progress.ready()) {
            Deployment old = oldOfGradualSwitch(step, byKey(Manifests.parseAll(step.previous())));
            if (old != null && step.gradual().appliedReplicas() != null && step.gradual().appliedReplicas()
                    < Manifests.replicas((Deployment) Manifests.parseAll(step.desired()).stream()
                            .filter(x -> x instanceof Deployment).findFirst().orElseThrow())) {
                return nextBatch(t, step, old, target, fence);
            }
            Outcome o = Outcome.transition(t);
            if (step.scaleDownTo() != null) {
                Deployment planned = (Deployment) Manifests.parseAll(step.desired()).stream()
                        .filter(x -> x instanceof Deployment).findFirst().orElseThrow();
                fence.beforeWrite();
                RolloutTarget.Applied applied = target.apply(planned);
                List<Awaited> next = List.of(new Awaited(planned.getMetadata().getName(), applied.generation(),
                        Manifests.replicas(planned)));
                o.step(step.id()).set("awaiting", RolloutStore.awaitingJson(next)).set("scale_down_to", null)
                        .set("deadline_at", now().plusSeconds(step.timeoutSeconds()))
                        .reason(ReasonCode.SCALING_DOWN, "the new template serves on " + progress.summary()
                                + "; scaling to the planned " + step.scaleDownTo() + " replicas");
                return o;
            }
            LOG.infof("rollout=%s cluster=%s step=%d deployment=%s ready", rollout.id(), c.cluster(), step.position(),
                    step.deployment());
            if (step.analyzed()) {
                return startAnalysis(o, step, "ready: " + progress.summary());
            }
            o.step(step.id()).status(StepStatus.DONE).reason(ReasonCode.NOT_ANALYZED, "ready: " + progress.summary()
                    + "; " + NOT_ANALYZED);
            return o;
        }
        if (step.deadlineAt() != null && now().isAfter(step.deadlineAt())) {
            String detail = "gate failed: " + step.namespace() + "/" + step.workload() + " had " + progress.summary()
                    + " after " + step.timeoutSeconds() + " s";
            LOG.warnf("rollout=%s cluster=%s step=%d deployment=%s %s", rollout.id(), c.cluster(), step.position(),
                    step.deployment(), detail);
            return beginRollback(rollout, t, c, step.id(), ReasonCode.GATE_TIMEOUT, detail);
        }
        return observe(t, step, "waiting: " + progress.summary());
    }

    // ---- analysis (docs/designs/003-metric-analysis.md) -----------------------------------------------------------

    private static final String NOT_ANALYZED = "no metrics source: not analyzed";

    /** The gate passed: measuring starts after the initial delay. */
    private Outcome startAnalysis(Outcome o, StepState step, String gate) {
        AnalysisSettings settings = step.analysis().snapshot().settings();
        Instant first = now().plus(settings.initialDelay());
        o.step(step.id()).status(StepStatus.ANALYZING).set("next_measurement_at", first)
                .set("attempts", 0).set("next_attempt_at", null)
                .set("analysis_decision", "CONTINUE: first measurement at " + first)
                .reason(ReasonCode.ANALYZING, gate + "; analyzing: " + settings.count() + " measurements every "
                        + seconds(settings.interval()) + ", the first at " + first);
        return o;
    }

    /**
     * A GITOPS step with a metrics source: the files are written, and kube-state-metrics tells when the synced
     * workload has its planned replicas available (the gate a GitOps directory cannot give); then it is analyzed.
     */
    private Outcome awaitAvailability(RolloutState rollout, Transition t, ClusterState c, StepState step,
            RolloutTarget target, Fence fence) {
        fence.beforeWrite();
        Optional<Measurement> availability = measure(c, step, target).stream()
                .filter(m -> AVAILABILITY.equals(m.check())).findFirst();
        String seen = availability.map(m -> m.verdict() + (m.detail() == null ? "" : ": " + m.detail()))
                .orElse("the analysis reported no availability check");
        if (availability.isPresent() && availability.get().verdict() == Verdict.PASS) {
            return startAnalysis(Outcome.transition(t), step, "written to the GitOps directory and available ("
                    + seen + ")");
        }
        if (step.deadlineAt() != null && now().isAfter(step.deadlineAt())) {
            String detail = "gate failed: " + step.namespace() + "/" + step.workload() + " was not available with "
                    + step.requiredReplicas() + " replicas after " + step.timeoutSeconds() + " s (availability "
                    + seen + ")";
            LOG.warnf("rollout=%s cluster=%s step=%d deployment=%s %s", rollout.id(), c.cluster(), step.position(),
                    step.deployment(), detail);
            return beginRollback(rollout, t, c, step.id(), ReasonCode.GATE_TIMEOUT, detail);
        }
        return observe(t, step, "waiting for availability: " + seen);
    }

    /**
     * Takes one measurement and commits it with the decision it leads to. A process killed before the commit loses
     * the measurement: the next owner measures again (queries are reads), and only committed ones count.
     */
    private Outcome analyze(RolloutState rollout, Transition t, ClusterState c, StepState step, RolloutTarget target,
            Fence fence) {
        RolloutState.Analysis a = step.analysis();
        AnalysisSettings settings = a.snapshot().settings();
        // Not a write, but the queries may take a while and the commit needs the lease: renew it first.
        fence.beforeWrite();
        List<Measurement> checks = measure(c, step, target);
        Verdict worst = checks.stream().map(Measurement::verdict).reduce(Verdict.PASS, Verdict::worse);
        List<Verdict> verdicts = new ArrayList<>(a.verdicts());
        verdicts.add(worst);
        int seq = verdicts.size();
        AnalysisDecision d = AnalysisDecision.decide(settings, verdicts, a.sinceResume() + 1, now());
        String taken = "measurement " + seq + " " + worst + " (" + checks.stream().map(TransitionRunner::describe)
                .collect(Collectors.joining("; ")) + ")";
        String decision = d.kind() + ": " + d.detail();
        LOG.infof("rollout=%s cluster=%s step=%d deployment=%s %s; %s", rollout.id(), c.cluster(), step.position(),
                step.deployment(), taken, decision);
        Outcome o = switch (d.kind()) {
            case CONTINUE -> {
                Outcome x = Outcome.transition(t);
                x.step(step.id()).set("next_measurement_at", d.nextAt()).reason(ReasonCode.ANALYZING, taken
                        + "; next at " + d.nextAt());
                yield x;
            }
            case PASS -> {
                Outcome x = Outcome.transition(t);
                x.step(step.id()).status(StepStatus.DONE).set("analysis_verdict", Verdict.PASS.name())
                        .set("next_measurement_at", null).reason(ReasonCode.ANALYSIS_PASSED, "analysis passed: "
                                + d.detail() + "; last " + taken);
                yield x;
            }
            case FAIL -> beginRollback(rollout, t, c, step.id(), ReasonCode.ANALYSIS_FAILED, "analysis failed: "
                    + d.detail() + "; last " + taken);
            case ERROR -> beginRollback(rollout, t, c, step.id(), ReasonCode.ANALYSIS_ERROR, "analysis failed: "
                    + d.detail() + "; last " + taken);
            case PAUSE -> pauseForInconclusive(t, c, step, settings, d, taken);
        };
        if (d.kind() == AnalysisDecision.Kind.FAIL || d.kind() == AnalysisDecision.Kind.ERROR) {
            o.step(step.id()).set("analysis_verdict", worstOf(d.kind()).name()).set("next_measurement_at", null);
        }
        o.step(step.id()).set("analysis_decision", decision);
        return o.measured(step.id(), seq, checks);
    }

    private Outcome pauseForInconclusive(Transition t, ClusterState c, StepState step, AnalysisSettings settings,
            AnalysisDecision d, String taken) {
        Outcome o = Outcome.transition(t);
        // Resume moves this by the time spent paused: the next measurement comes one interval after the resume.
        o.step(step.id()).set("analysis_verdict", Verdict.INCONCLUSIVE.name())
                .set("next_measurement_at", now().plus(settings.interval()))
                .reason(ReasonCode.ANALYSIS_INCONCLUSIVE, "analysis inconclusive: " + d.detail() + "; last " + taken);
        o.pause(ReasonCode.ANALYSIS_INCONCLUSIVE, "cluster " + c.cluster() + ", step " + step.position() + " ("
                + step.deployment() + "): analysis inconclusive: " + d.detail() + "; resume to measure again"
                + " (the inconclusive count starts again) or abort", now());
        return o;
    }

    private static Verdict worstOf(AnalysisDecision.Kind kind) {
        return kind == AnalysisDecision.Kind.FAIL ? Verdict.FAIL : Verdict.ERROR;
    }

    /**
     * Every check of one measurement, as the port took it; a port that threw or answered nothing gives one ERROR
     * check instead, so it counts against consecutiveErrorLimit rather than stopping the rollout.
     */
    private List<Measurement> measure(ClusterState c, StepState step, RolloutTarget target) {
        if (analysis == null) {
            throw new IllegalStateException("step " + step.position() + " of cluster " + c.cluster()
                    + " is analyzed but this engine was built without a StepAnalysis");
        }
        AnalysisSnapshot snap = step.analysis().snapshot();
        List<Measurement> checks;
        try {
            AnalysisTarget at = new AnalysisTarget(c.cluster(), step.deployment(), step.namespace(), step.workload(),
                    Manifests.templateVariant(step.desired()), Manifests.specHashLabel(step.desired()),
                    step.requiredReplicas(), !target.observable(),
                    snap.runtime(), snap.p99LimitMs());
            checks = analysis.measure(snap.source(), snap.settings(), at);
        } catch (LeaseLost | StoreUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf(e, "cluster=%s deployment=%s measuring failed", c.cluster(), step.deployment());
            return List.of(new Measurement("analysis", "", null, Verdict.ERROR, now(), "measuring failed: "
                    + e.getMessage()));
        }
        if (checks == null || checks.isEmpty()) {
            return List.of(new Measurement("analysis", "", null, Verdict.ERROR, now(), "the analysis took no check"));
        }
        return checks.stream().map(m -> m.at() == null ? new Measurement(m.check(), m.query(), m.value(),
                m.verdict(), now(), m.detail()) : m).toList();
    }

    private static String describe(Measurement m) {
        return m.check() + " " + (m.value() == null ? "no value" : m.value()) + " " + m.verdict()
                + (m.detail() == null || m.detail().isBlank() ? "" : ": " + m.detail());
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    /** Whether the UPSERT step this RETIRE follows was analyzed and passed: then a GitOps target may retire too. */
    private static boolean analysisPassed(ClusterState c, StepState retire) {
        return c.steps().stream().anyMatch(s -> s.action() == StepAction.UPSERT
                && s.deployment().equals(retire.deployment()) && s.position() < retire.position() && s.analyzed()
                && s.status() == StepStatus.DONE);
    }

    private Outcome retire(Transition t, ClusterState c, StepState step, RolloutTarget target, Fence fence) {
        List<String> deleted = deleteOwned(Manifests.parseAll(step.previous()), step.deployment(), target, fence);
        Outcome o = Outcome.transition(t);
        String what = step.action() == StepAction.REMOVE ? "removed " : "retired ";
        o.step(step.id()).status(StepStatus.DONE).set("attempts", 0).set("next_attempt_at", null).reason(
                deleted.isEmpty() ? ReasonCode.NOTHING_TO_RETIRE : ReasonCode.RETIRED,
                deleted.isEmpty() ? "nothing else to retire"
                        : what + String.join(", ", deleted) + (step.action() == StepAction.RETIRE
                                ? " after " + step.workload() + " became available" : ""));
        return o;
    }

    private Outcome completeCluster(RolloutState rollout, Transition t, ClusterState c) {
        Outcome o = Outcome.transition(t);
        if (rollout.kind() == RolloutKind.PLAN) {
            Map<String, String> namespaces = new HashMap<>();
            c.steps().stream().filter(s -> s.action() == StepAction.UPSERT)
                    .forEach(s -> namespaces.put(s.deployment(), s.namespace()));
            placements.of(rollout.planId(), c.cluster(), namespaces).forEach(o::recordRunning);
        } else {
            c.steps().stream().map(StepState::deployment).distinct().forEach(d -> o.removeRunning(d, c.cluster()));
        }
        o.cluster(c.id()).status(ClusterStatus.SUCCEEDED).set("finished_at", now())
                .reason(ReasonCode.CLUSTER_DONE, rollout.kind() == RolloutKind.PLAN ? "all steps done"
                        : "retired what ModelFleet ran here");
        LOG.infof("rollout=%s cluster=%s succeeded", rollout.id(), c.cluster());
        return o;
    }

    // ---- rollback -----------------------------------------------------------------------------------------------

    private Outcome beginRollback(RolloutState rollout, Transition t, ClusterState c, Long failedStepId,
            ReasonCode code, String detail) {
        Outcome o = Outcome.transition(t);
        if (failedStepId != null) {
            o.step(failedStepId).status(StepStatus.FAILED).reason(code, detail);
        }
        o.cluster(c.id()).status(ClusterStatus.ROLLING_BACK).reason(code, detail);
        o.rolloutReason(code, "cluster " + c.cluster() + ": " + detail + "; rolling back");
        LOG.warnf("rollout=%s cluster=%s rolling back: %s", rollout.id(), c.cluster(), detail);
        return o;
    }

    private Outcome backward(RolloutState rollout, Transition t, long clusterId, long stepId, Fence fence) {
        ClusterState c = cluster(rollout, clusterId);
        StepState step = step(c, stepId);
        try {
            RolloutTarget target = targets.forCluster(c.cluster());
            return t instanceof Restore ? restore(t, step, target, fence) : gateRestore(rollout, t, c, step, target,
                    fence);
        } catch (LeaseLost | StoreUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            TargetFailure f = TargetFailures.classify(e);
            LOG.warnf("rollout=%s cluster=%s step=%d rollback attempt %d failed: %s", rollout.id(), c.cluster(),
                    step.position(), step.attempts() + 1, f.getMessage());
            Outcome o = retryLater(t, step, f, true);
            if (step.attempts() + 1 >= maxAttempts && rollout.status() != RolloutStatus.ROLLBACK_FAILED) {
                o.rolloutStatus(RolloutStatus.ROLLBACK_FAILED, ReasonCode.ROLLBACK_STUCK, "the rollback of cluster "
                        + c.cluster() + " cannot complete: " + f.getMessage() + "; it keeps retrying (an admin can"
                        + " force-end the rollout)");
            }
            return o;
        }
    }

    private Outcome restore(Transition t, StepState step, RolloutTarget target, Fence fence) {
        List<HasMetadata> previous = Manifests.parseAll(step.previous());
        List<Awaited> awaiting = new ArrayList<>();
        Integer scaleDownTo = null;
        for (HasMetadata object : previous) {
            HasMetadata toApply = object;
            if (object instanceof Deployment d) {
                Optional<HasMetadata> live = target.read(d);
                if (live.isPresent() && live.get() instanceof Deployment now
                        && Manifests.replicas(now) > Manifests.replicas(d)) {
                    toApply = Manifests.withReplicas(d, Manifests.replicas(now));
                    scaleDownTo = Manifests.replicas(d);
                }
            }
            fence.beforeWrite();
            RolloutTarget.Applied applied = target.apply(toApply);
            if (toApply instanceof Deployment d) {
                awaiting.add(new Awaited(d.getMetadata().getName(), applied.generation(), Manifests.replicas(d)));
            }
        }
        Outcome o = Outcome.transition(t);
        o.step(step.id()).status(StepStatus.ROLLING_BACK).set("awaiting", RolloutStore.awaitingJson(awaiting))
                .set("scale_down_to", previous.stream().filter(x -> x instanceof Deployment).count() == 1
                        ? scaleDownTo : null)
                .set("deadline_at", now().plusSeconds(step.timeoutSeconds())).set("attempts", 0)
                .set("next_attempt_at", null).reason(ReasonCode.RESTORED, previous.isEmpty()
                        ? "nothing existed before this step; removing what it created"
                        : "re-applied " + names(previous) + "; removing what this step created once they serve");
        return o;
    }

    private Outcome gateRestore(RolloutState rollout, Transition t, ClusterState c, StepState step,
            RolloutTarget target, Fence fence) {
        Outcome alreadyScaled = target.observable() ? scaleDownAlreadyApplied(t, step, target) : null;
        if (alreadyScaled != null) {
            return alreadyScaled;
        }
        Progress progress = target.observable() ? progress(target, step.namespace(), step.awaiting()) : Progress.NONE;
        if (!progress.ready()) {
            if (step.deadlineAt() != null && now().isAfter(step.deadlineAt())
                    && rollout.status() != RolloutStatus.ROLLBACK_FAILED) {
                Outcome o = Outcome.transition(t);
                String detail = "restored " + progress.summary() + " after " + step.timeoutSeconds()
                        + " s; what this step created is kept until they serve";
                o.step(step.id()).reason(ReasonCode.ROLLBACK_STUCK, detail);
                o.rolloutStatus(RolloutStatus.ROLLBACK_FAILED, ReasonCode.ROLLBACK_STUCK, "the rollback of cluster "
                        + c.cluster() + " cannot complete: " + detail + " (an admin can force-end the rollout)");
                return o;
            }
            return observe(t, step, "restoring: " + progress.summary());
        }
        Outcome o = Outcome.transition(t);
        if (step.scaleDownTo() != null) {
            Deployment previous = (Deployment) Manifests.parseAll(step.previous()).stream()
                    .filter(x -> x instanceof Deployment).findFirst().orElseThrow();
            fence.beforeWrite();
            RolloutTarget.Applied applied = target.apply(previous);
            o.step(step.id()).set("awaiting", RolloutStore.awaitingJson(List.of(new Awaited(
                    previous.getMetadata().getName(), applied.generation(), Manifests.replicas(previous)))))
                    .set("scale_down_to", null).set("deadline_at", now().plusSeconds(step.timeoutSeconds()))
                    .reason(ReasonCode.SCALING_DOWN, "the restored template serves; scaling back to "
                            + step.scaleDownTo() + " replicas");
            return o;
        }
        List<String> removed = step.action() == StepAction.UPSERT
                ? deleteOwned(createdBy(step), step.deployment(), target, fence) : List.of();
        o.step(step.id()).status(StepStatus.ROLLED_BACK).reason(ReasonCode.RESTORED, "restored what ran before"
                + (removed.isEmpty() ? "" : "; removed " + String.join(", ", removed)));
        if (rollout.status() == RolloutStatus.ROLLBACK_FAILED) {
            o.rolloutStatus(RolloutStatus.RUNNING, ReasonCode.ROLLING_BACK, "the rollback of cluster " + c.cluster()
                    + " is progressing again");
        }
        return o;
    }

    /**
     * A scale-down the gate wrote just before the process died (or before its commit was refused): the Deployment's
     * spec already has the lower count, so the old, higher count can never be reached again. Record the wait for the
     * lower count instead, without writing anything.
     */
    private Outcome scaleDownAlreadyApplied(Transition t, StepState step, RolloutTarget target) {
        if (step.scaleDownTo() == null || step.awaiting().size() != 1) {
            return null;
        }
        Awaited awaited = step.awaiting().get(0);
        Optional<WorkloadStatus> live = target.status(step.namespace(), awaited.name());
        if (live.isEmpty() || live.get().specReplicas() != step.scaleDownTo()
                || awaited.replicas() == step.scaleDownTo()) {
            return null;
        }
        Outcome o = Outcome.transition(t);
        o.step(step.id()).set("awaiting", RolloutStore.awaitingJson(List.of(new Awaited(awaited.name(),
                live.get().generation(), step.scaleDownTo())))).set("scale_down_to", null)
                .set("deadline_at", now().plusSeconds(step.timeoutSeconds()))
                .reason(ReasonCode.SCALING_DOWN, "found " + awaited.name() + " already scaled to " + step.scaleDownTo()
                        + "; waiting for it");
        return o;
    }

    /** The objects an UPSERT step created: desired ones that did not exist when it was captured. */
    private static List<HasMetadata> createdBy(StepState step) {
        Set<String> existed = byKey(Manifests.parseAll(step.previous())).keySet();
        return Manifests.parseAll(step.desired()).stream().filter(o -> !existed.contains(Manifests.key(o))).toList();
    }

    private Outcome completeRollback(RolloutState rollout, Transition t, ClusterState c) {
        boolean aborted = rollout.status() == RolloutStatus.ABORTING || c.reasonCode() == ReasonCode.ABORTED;
        Outcome o = Outcome.transition(t);
        c.steps().stream().filter(s -> s.status() == StepStatus.PENDING)
                .forEach(s -> o.step(s.id()).status(StepStatus.SKIPPED));
        String why = c.reason() == null ? "" : c.reason();
        o.cluster(c.id()).status(ClusterStatus.ROLLED_BACK).set("finished_at", now())
                .reason(ReasonCode.ROLLED_BACK, "rolled back: " + why);
        if (aborted) {
            o.finish(RolloutStatus.ABORTED, ReasonCode.ABORTED, "aborted by a user; cluster " + c.cluster()
                    + " was rolled back to what ran before");
        } else {
            o.finish(RolloutStatus.ROLLED_BACK, ReasonCode.ROLLED_BACK, "cluster " + c.cluster() + ": " + why
                    + "; rolled back, later waves did not start");
        }
        LOG.infof("rollout=%s cluster=%s rolled back", rollout.id(), c.cluster());
        return o;
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    private Outcome retryLater(Transition t, StepState step, TargetFailure f, boolean rollback) {
        int attempt = step.attempts() + 1;
        long delay = backoff.toMillis() * (1L << Math.min(step.attempts(), rollback ? 6 : 5));
        Outcome o = Outcome.transition(t);
        o.step(step.id()).set("attempts", attempt).set("next_attempt_at", now().plusMillis(delay))
                .reason(rollback && attempt >= maxAttempts ? ReasonCode.ROLLBACK_STUCK : ReasonCode.RETRYING,
                        (rollback ? "rollback attempt " + attempt : "retrying (attempt " + attempt + " of "
                                + (maxAttempts - 1) + ")") + " after: " + f.getMessage());
        return o;
    }

    private static Outcome observe(Transition t, StepState step, String reason) {
        if (reason.equals(step.reason())) {
            return Outcome.nothing(t);
        }
        Outcome o = Outcome.observation(t);
        o.step(step.id()).reason(ReasonCode.WAITING, reason);
        return o;
    }

    private static final String AVAILABILITY = "availability";

    private static List<String> deleteOwned(List<HasMetadata> objects, String deployment, RolloutTarget target,
            Fence fence) {
        List<String> deleted = new ArrayList<>();
        for (HasMetadata object : objects) {
            Optional<HasMetadata> live = target.read(object);
            if (live.isEmpty() || !Ownership.ownedBy(live.get(), deployment)) {
                continue;
            }
            fence.beforeWrite();
            if (target.delete(object) == ApplyResult.DELETED) {
                deleted.add(Manifests.key(object));
            }
        }
        return deleted;
    }

    /** Whether the deployment's new workload was already there before this rollout applied it. */
    private static boolean existedBefore(ClusterState c, StepState retire) {
        return c.steps().stream()
                .filter(s -> s.action() == StepAction.UPSERT && s.deployment().equals(retire.deployment()))
                .anyMatch(s -> s.previous() != null && Manifests.parseAll(s.previous()).stream()
                        .anyMatch(o -> "Deployment".equals(o.getKind())
                                && retire.workload().equals(o.getMetadata().getName())));
    }

    /** What the awaited Deployments' status says, and whether all of them passed (as `kubectl rollout status`). */
    private record Progress(boolean ready, String summary) {
        static final Progress NONE = new Progress(true, "nothing to wait for");
    }

    private static Progress progress(RolloutTarget target, String namespace, List<Awaited> awaiting) {
        if (awaiting.isEmpty()) {
            return Progress.NONE;
        }
        boolean ready = true;
        List<String> parts = new ArrayList<>();
        for (Awaited a : awaiting) {
            Optional<WorkloadStatus> s = target.status(namespace, a.name());
            long observed = s.map(WorkloadStatus::observedGeneration).orElse(0L);
            int available = s.map(WorkloadStatus::availableReplicas).orElse(0);
            int updated = s.map(WorkloadStatus::updatedReplicas).orElse(0);
            int pods = s.map(WorkloadStatus::replicas).orElse(0);
            // The new generation observed, every pod updated (no old pod still counted as available), and enough of
            // them available.
            ready &= s.isPresent() && observed >= a.generation() && updated >= a.replicas() && pods <= updated
                    && available >= a.replicas();
            parts.add((awaiting.size() > 1 ? a.name() + ": " : "") + available + " of " + a.replicas()
                    + " replicas available, " + updated + " updated, " + pods + " pods, observed generation "
                    + observed + " of " + a.generation());
        }
        return new Progress(ready, String.join("; ", parts));
    }

    private static Map<String, HasMetadata> byKey(List<HasMetadata> objects) {
        Map<String, HasMetadata> out = new LinkedHashMap<>();
        objects.forEach(o -> out.put(Manifests.key(o), o));
        return out;
    }

    private static String names(List<HasMetadata> objects) {
        return objects.stream().map(Manifests::key).collect(Collectors.joining(", "));
    }

    private static ClusterState cluster(RolloutState rollout, long id) {
        return rollout.clusters().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    private static StepState step(ClusterState cluster, long id) {
        return cluster.steps().stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }

    private Instant now() {
        return clock.instant();
    }
}
