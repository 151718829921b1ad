package io.modelfleet.rollout.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.rollout.engine.RolloutState.Awaited;
import io.modelfleet.rollout.engine.RolloutState.ClusterState;
import io.modelfleet.rollout.engine.RolloutState.StepState;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutKind;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import io.modelfleet.rollout.kube.ManifestRenderer;
import io.modelfleet.rollout.kube.ManifestYaml;
import io.modelfleet.rollout.kube.ObjectNames;
import io.modelfleet.rollout.kube.Workload;
import io.modelfleet.testing.SteppedClock;
import io.modelfleet.analysis.domain.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A rollout held in memory for the engine's unit tests: rows as column maps, changed by an {@link Outcome} exactly
 * as {@link RolloutStore} changes the tables (only the named columns; finishing skips what is pending). With it the
 * decider and the runner are tested without Quarkus or PostgreSQL.
 */
final class MemoryRollout {

    private static final ObjectMapper JSON = new ObjectMapper();

    final UUID id = UUID.randomUUID();
    final Map<String, Object> rollout = new HashMap<>();
    final Map<Long, Map<String, Object>> clusters = new LinkedHashMap<>();
    final Map<Long, Map<String, Object>> steps = new LinkedHashMap<>();
    final List<Outcome.RunningRow> running = new ArrayList<>();
    final List<Outcome.MeasurementRow> measurements = new ArrayList<>();
    private long nextId = 1;
    boolean lockReleased;

    MemoryRollout() {
        rollout.put("status", RolloutStatus.RUNNING.name());
        rollout.put("transitions", 0);
    }

    long cluster(String name, int wave) {
        long id = nextId++;
        Map<String, Object> c = new HashMap<>();
        c.put("cluster", name);
        c.put("wave", wave);
        c.put("position", clusters.size());
        c.put("status", ClusterStatus.PENDING.name());
        clusters.put(id, c);
        return id;
    }

    /** UPSERT and RETIRE steps for one placement, as RolloutService builds them. */
    void placement(long cluster, Workload w, int timeoutSeconds) {
        String workload = ObjectNames.workload(w.deployment(), w.precision(), w.hardware());
        step(cluster, StepAction.UPSERT, w.namespace(), w.deployment(), workload,
                ManifestYaml.of(ManifestRenderer.withDefaults().render(w)), w.replicas(), timeoutSeconds);
        step(cluster, StepAction.RETIRE, w.namespace(), w.deployment(), workload, "", 0, timeoutSeconds);
    }

    long step(long cluster, StepAction action, String namespace, String deployment, String workload, String desired,
            int required, int timeoutSeconds) {
        long id = nextId++;
        Map<String, Object> s = new HashMap<>();
        s.put("cluster", cluster);
        s.put("position", (int) steps.values().stream().filter(x -> x.get("cluster").equals(cluster)).count());
        s.put("action", action.name());
        s.put("status", StepStatus.PENDING.name());
        s.put("namespace", namespace);
        s.put("deployment", deployment);
        s.put("workload", workload);
        s.put("desired", desired);
        s.put("required_replicas", required);
        s.put("timeout_seconds", timeoutSeconds);
        s.put("attempts", 0);
        steps.put(id, s);
        return id;
    }

    RolloutState state() {
        List<ClusterState> cs = new ArrayList<>();
        for (var c : clusters.entrySet()) {
            List<StepState> ss = new ArrayList<>();
            for (var s : steps.entrySet()) {
                if (s.getValue().get("cluster").equals(c.getKey())) {
                    ss.add(step(s.getKey(), s.getValue()));
                }
            }
            Map<String, Object> v = c.getValue();
            cs.add(new ClusterState(c.getKey(), (String) v.get("cluster"), (int) v.get("wave"), (int) v.get("position"),
                    ClusterStatus.valueOf((String) v.get("status")),
                    v.get("reason_code") == null ? null : ReasonCode.valueOf((String) v.get("reason_code")),
                    (String) v.get("reason"), ss));
        }
        return new RolloutState(id, RolloutKind.PLAN, UUID.randomUUID(),
                RolloutStatus.valueOf((String) rollout.get("status")), null, (int) rollout.get("transitions"), 0, cs);
    }

    private StepState step(long id, Map<String, Object> v) {
        return new StepState(id, (int) v.get("position"), (String) v.get("deployment"),
                StepAction.valueOf((String) v.get("action")), StepStatus.valueOf((String) v.get("status")),
                (String) v.get("namespace"), (String) v.get("workload"), (String) v.get("desired"),
                (String) v.get("previous"), awaiting((String) v.get("awaiting")), (Integer) v.get("scale_down_to"),
                (int) v.get("required_replicas"), (int) v.get("timeout_seconds"), instant(v.get("deadline_at")),
                (int) v.get("attempts"), instant(v.get("next_attempt_at")), (String) v.get("reason"),
                v.get("batch_size") == null ? null : new RolloutState.Gradual((int) v.get("batch_size"),
                        (Integer) v.get("applied_replicas"), (String) v.get("old_workload"),
                        (double) v.get("need_rps"), (double) v.get("old_rps"), (double) v.get("new_rps")),
                analysis(id, v));
    }

    /** Marks a step as analyzed with {@code snapshot}, as RolloutService does when the cluster has a metrics source. */
    void analyzed(long step, AnalysisSnapshot snapshot) {
        Map<String, Object> s = steps.get(step);
        s.put("metrics_url", snapshot.source().prometheusUrl());
        s.put("metrics_credentials_ref", snapshot.source().credentialsRef());
        s.put("analysis_settings", snapshot.settingsJson());
        s.put("inconclusive_from_seq", 1);
    }

    /** What a resume does to analyzing steps (RolloutActions): the inconclusive count starts after what was taken. */
    void resume(Duration paused) {
        rollout.put("status", RolloutStatus.RUNNING.name());
        rollout.put("paused_at", null);
        for (var e : steps.entrySet()) {
            if (StepStatus.ANALYZING.name().equals(e.getValue().get("status"))) {
                e.getValue().put("inconclusive_from_seq", 1 + (int) measurements.stream()
                        .filter(m -> m.stepId() == e.getKey()).mapToInt(Outcome.MeasurementRow::seq).max().orElse(0));
                e.getValue().put("analysis_verdict", null);
                Instant next = instant(e.getValue().get("next_measurement_at"));
                if (next != null) {
                    e.getValue().put("next_measurement_at", next.plus(paused));
                }
            }
        }
    }

    private RolloutState.Analysis analysis(long id, Map<String, Object> v) {
        AnalysisSnapshot snapshot = AnalysisSnapshot.of((String) v.get("metrics_url"),
                (String) v.get("metrics_credentials_ref"), (String) v.get("analysis_settings"));
        if (snapshot == null) {
            return null;
        }
        TreeMap<Integer, Verdict> bySeq = new TreeMap<>();
        measurements.stream().filter(m -> m.stepId() == id)
                .forEach(m -> bySeq.merge(m.seq(), m.measurement().verdict(), Verdict::worse));
        String verdict = (String) v.get("analysis_verdict");
        return new RolloutState.Analysis(snapshot, instant(v.get("next_measurement_at")),
                (int) v.get("inconclusive_from_seq"), List.copyOf(bySeq.values()),
                verdict == null ? null : Verdict.valueOf(verdict));
    }

    /** What the store's commit does, in memory. */
    void commit(Outcome o) {
        if (o.kind() == Outcome.Kind.NOTHING) {
            return;
        }
        o.steps.forEach((id, cols) -> steps.get(id).putAll(cols));
        o.clusters.forEach((id, cols) -> clusters.get(id).putAll(cols));
        running.addAll(o.recordRunning);
        measurements.addAll(o.measurements);
        rollout.putAll(o.rollout);
        if (o.kind() == Outcome.Kind.TRANSITION) {
            rollout.put("transitions", (int) rollout.get("transitions") + 1);
        }
        if (o.finish) {
            steps.values().stream().filter(s -> StepStatus.PENDING.name().equals(s.get("status")))
                    .forEach(s -> s.put("status", StepStatus.SKIPPED.name()));
            clusters.values().stream().filter(c -> ClusterStatus.PENDING.name().equals(c.get("status")))
                    .forEach(c -> c.put("status", ClusterStatus.SKIPPED.name()));
            lockReleased = true;
        }
    }

    RolloutStatus status() {
        return RolloutStatus.valueOf((String) rollout.get("status"));
    }

    ClusterStatus clusterStatus(long id) {
        return ClusterStatus.valueOf((String) clusters.get(id).get("status"));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
    }

    private static List<Awaited> awaiting(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<Awaited>>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decides and commits until the decider is idle, at most {@code limit} decisions: a wait moves {@code clock} to
     * its end, a decision that committed nothing moves it by a second. {@code beforeEach} sees every state first (a
     * test changes its target there). Returns the names of the transitions committed.
     */
    List<String> drive(TransitionRunner runner, SteppedClock clock, int limit, Consumer<RolloutState> beforeEach) {
        List<String> done = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            RolloutState current = state();
            beforeEach.accept(current);
            Transition t = RolloutDecider.next(current, clock.instant());
            if (t instanceof Transition.Idle) {
                return done;
            }
            if (t instanceof Transition.Wait w) {
                clock.set(w.until());
                continue;
            }
            Outcome o = runner.run(current, t, () -> { });
            commit(o);
            if (o.kind() == Outcome.Kind.TRANSITION) {
                done.add(t.name());
            } else {
                clock.step(Duration.ofSeconds(1));
            }
        }
        throw new AssertionError("not idle after " + limit + " decisions: " + state());
    }
}
