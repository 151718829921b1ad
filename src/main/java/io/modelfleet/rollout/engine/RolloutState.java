package io.modelfleet.rollout.engine;

import io.modelfleet.analysis.domain.Verdict;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutKind;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A rollout as stored, immutable: what {@link RolloutDecider} decides from. Clusters in wave order, steps in order. */
public record RolloutState(UUID id, RolloutKind kind, UUID planId, RolloutStatus status, Instant pausedAt,
        int transitions, long controlVersion, List<ClusterState> clusters) {

    public RolloutState {
        clusters = clusters.stream().sorted(Comparator.comparingInt(ClusterState::wave)
                .thenComparingInt(ClusterState::position)).toList();
    }

    public Optional<ClusterState> firstWith(ClusterStatus status) {
        return clusters.stream().filter(c -> c.status() == status).findFirst();
    }

    public boolean any(ClusterStatus status) {
        return clusters.stream().anyMatch(c -> c.status() == status);
    }

    /** One cluster of the rollout. */
    public record ClusterState(long id, String cluster, int wave, int position, ClusterStatus status,
            ReasonCode reasonCode, String reason, List<StepState> steps) {

        public ClusterState {
            steps = steps.stream().sorted(Comparator.comparingInt(StepState::position)).toList();
        }

        public Optional<StepState> firstNotDone() {
            return steps.stream().filter(s -> s.status() != StepStatus.DONE).findFirst();
        }
    }

    /** One step: what it applies or retires, its rollback point, and its gate's progress. */
    public record StepState(long id, int position, String deployment, StepAction action, StepStatus status,
            String namespace, String workload, String desired, String previous, List<Awaited> awaiting,
            Integer scaleDownTo, int requiredReplicas, int timeoutSeconds, Instant deadlineAt, int attempts,
            Instant nextAttemptAt, String reason, Gradual gradual, Analysis analysis) {

        public StepState {
            awaiting = awaiting == null ? List.of() : List.copyOf(awaiting);
        }

        /** Whether the step's cluster had a metrics source when the rollout was created. */
        public boolean analyzed() {
            return analysis != null;
        }

        public boolean captured() {
            return previous != null;
        }

        public boolean waitingForRetry(Instant now) {
            return nextAttemptAt != null && nextAttemptAt.isAfter(now);
        }
    }

    /**
     * How a switch proceeds when the pools cannot hold the old and the new workload at once: the new one grows by
     * {@code batchSize} replicas at a time (now at {@code appliedReplicas}), and after each batch passes its gate the
     * old one shrinks to what still covers {@code needRps} beside it.
     */
    public record Gradual(int batchSize, Integer appliedReplicas, String oldWorkload, double needRps, double oldRps,
            double newRps) {

        /** Old replicas still needed beside {@code newAvailable} new ones (never negative). */
        public int oldReplicasNeeded(int newAvailable) {
            double missing = needRps - newAvailable * newRps;
            return missing <= 0 ? 0 : (int) Math.ceil(missing / oldRps - 1e-9);
        }
    }

    /**
     * An analyzed step's analysis: what it is analyzed with, when the next measurement is due, the verdict of every
     * committed measurement (the worst of its checks) in order, the sequence number from which inconclusive ones count
     * (a resume moves it past the measurements taken so far), and the verdict once decided.
     */
    public record Analysis(AnalysisSnapshot snapshot, Instant nextMeasurementAt, int inconclusiveFromSeq,
            List<Verdict> verdicts, Verdict verdict) {

        public Analysis {
            verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        }

        /** How many of the measurements were taken since the last resume. */
        public int sinceResume() {
            return Math.max(0, Math.min(verdicts.size(), verdicts.size() - inconclusiveFromSeq + 1));
        }

        public boolean due(Instant now) {
            return nextMeasurementAt == null || !nextMeasurementAt.isAfter(now);
        }
    }

    /** A Deployment a gate waits for: the generation it must have observed and the replicas it must have available. */
    public record Awaited(String name, long generation, int replicas) {
    }
}
