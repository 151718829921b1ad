package io.modelfleet.rollout.engine;

import io.modelfleet.analysis.domain.Measurement;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What performing a transition changed, to be committed in one fenced transaction: the columns of the rollout,
 * cluster and step rows that change (nothing else is written), and the bookkeeping that goes with them. A
 * TRANSITION moves the state machine (and counts in {@code rollout.transitions}); an OBSERVATION only refreshes what
 * a waiting gate saw; NOTHING writes nothing.
 */
public final class Outcome {

    public enum Kind { TRANSITION, OBSERVATION, NOTHING }

    private final Kind kind;
    private final String transition;
    final Map<String, Object> rollout = new LinkedHashMap<>();
    final Map<Long, Map<String, Object>> clusters = new LinkedHashMap<>();
    final Map<Long, Map<String, Object>> steps = new LinkedHashMap<>();
    final List<RunningRow> recordRunning = new ArrayList<>();
    final List<String[]> removeRunning = new ArrayList<>();
    final List<MeasurementRow> measurements = new ArrayList<>();
    boolean finish;

    private Outcome(Kind kind, String transition) {
        this.kind = kind;
        this.transition = transition;
    }

    public static Outcome transition(Transition t) {
        return new Outcome(Kind.TRANSITION, t.name());
    }

    public static Outcome observation(Transition t) {
        return new Outcome(Kind.OBSERVATION, t.name());
    }

    public static Outcome nothing(Transition t) {
        return new Outcome(Kind.NOTHING, t.name());
    }

    public Kind kind() {
        return kind;
    }

    public String transitionName() {
        return transition;
    }

    public Outcome rolloutStatus(RolloutStatus status, ReasonCode code, String detail) {
        rollout.put("status", status.name());
        return rolloutReason(code, detail);
    }

    public Outcome rolloutReason(ReasonCode code, String detail) {
        rollout.put("reason_code", code.name());
        rollout.put("reason", detail);
        return this;
    }

    /** The engine pauses the rollout (an inconclusive analysis): as a user's pause, it stops the clock at {@code at}. */
    public Outcome pause(ReasonCode code, String detail, Instant at) {
        rollout.put("paused_at", at);
        return rolloutStatus(RolloutStatus.PAUSED, code, detail);
    }

    /** Ends the rollout: pending clusters and steps are skipped, the lease and the deployment locks released. */
    public Outcome finish(RolloutStatus status, ReasonCode code, String detail) {
        finish = true;
        return rolloutStatus(status, code, detail);
    }

    public Row cluster(long id) {
        return new Row(clusters.computeIfAbsent(id, k -> new LinkedHashMap<>()));
    }

    public Row step(long id) {
        return new Row(steps.computeIfAbsent(id, k -> new LinkedHashMap<>()));
    }

    public Outcome recordRunning(RunningRow row) {
        recordRunning.add(row);
        return this;
    }

    public Outcome removeRunning(String deployment, String cluster) {
        removeRunning.add(new String[] {deployment, cluster});
        return this;
    }

    /** Appends one measurement's checks (rollout_measurements) as number {@code seq} of the step's analysis. */
    public Outcome measured(long stepId, int seq, List<Measurement> checks) {
        checks.forEach(m -> measurements.add(new MeasurementRow(stepId, seq, m)));
        return this;
    }

    /** Whether this outcome makes the rollout terminal. */
    public boolean ends() {
        return finish;
    }

    public boolean changesRollout() {
        return !rollout.isEmpty() || finish;
    }

    /** Read-only views of what changes, for observers of committed outcomes (io.modelfleet.metrics.RolloutMetrics). */
    public Map<Long, Map<String, Object>> stepChanges() {
        return java.util.Collections.unmodifiableMap(steps);
    }

    public Map<Long, Map<String, Object>> clusterChanges() {
        return java.util.Collections.unmodifiableMap(clusters);
    }

    public List<MeasurementRow> measurementRows() {
        return java.util.Collections.unmodifiableList(measurements);
    }

    /** The columns of one row that change. */
    public static final class Row {
        private final Map<String, Object> columns;

        Row(Map<String, Object> columns) {
            this.columns = columns;
        }

        public Row status(ClusterStatus status) {
            columns.put("status", status.name());
            return this;
        }

        public Row status(StepStatus status) {
            columns.put("status", status.name());
            return this;
        }

        public Row reason(ReasonCode code, String detail) {
            columns.put("reason_code", code.name());
            columns.put("reason", detail);
            return this;
        }

        public Row set(String column, Object value) {
            columns.put(column, value instanceof Instant i ? i : value);
            return this;
        }

        public Object get(String column) {
            return columns.get(column);
        }
    }

    /** One check of one measurement of a step (rollout_measurements). */
    public record MeasurementRow(long stepId, int seq, Measurement measurement) {
    }

    /**
     * A placement that now runs on a cluster (running_placement), with its batch size and what one replica takes
     * ({@code perReplica}, null when the plan's snapshot has no benchmark for it).
     */
    public record RunningRow(String deployment, String cluster, String namespace, String variantId, String precision,
            String hardware, String pool, int replicas, double hourlyCostUsd, int batchSize,
            io.modelfleet.planning.snapshot.Variant.Benchmark perReplica) {
    }
}
