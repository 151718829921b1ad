package io.modelfleet.rollout;

import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutClusterEntity;
import io.modelfleet.rollout.entity.RolloutEntity;
import io.modelfleet.rollout.entity.RolloutKind;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.RolloutStepEntity;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What GET /rollouts/{id} shows: per cluster and per step, what happened and why (a step's {@code batchSize} is set
 * when a switch goes gradually because its pools cannot hold the old and the new workload at once) — a {@code reasonCode} to switch
 * on (see {@code io.modelfleet.rollout.engine.ReasonCode}) and a {@code reason} in words.
 */
public final class RolloutViews {

    private RolloutViews() {
    }

    public record RolloutView(UUID id, UUID planId, RolloutKind kind, RolloutStatus status, String reasonCode,
            String reason, OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy, int transitions,
            boolean needsAttention, List<ClusterView> clusters) {
    }

    public record ClusterView(String cluster, int wave, ClusterStatus status, String reasonCode, String reason,
            OffsetDateTime startedAt, OffsetDateTime finishedAt, List<StepView> steps) {
    }

    public record StepView(int position, String deployment, StepAction action, String namespace, String workload,
            StepStatus status, String reasonCode, String reason, int requiredReplicas, int attempts,
            OffsetDateTime deadlineAt, Integer batchSize) {
    }

    public static RolloutView of(RolloutEntity r) {
        return new RolloutView(r.id, r.planId, r.kind, r.status, r.reasonCode, r.reason, r.createdAt, r.updatedAt,
                r.createdBy, r.transitions, r.status == RolloutStatus.ROLLBACK_FAILED,
                r.clusters.stream().map(RolloutViews::of).toList());
    }

    /** The list view: the rollout without its clusters. */
    public static RolloutView summary(RolloutEntity r) {
        return new RolloutView(r.id, r.planId, r.kind, r.status, r.reasonCode, r.reason, r.createdAt, r.updatedAt,
                r.createdBy, r.transitions, r.status == RolloutStatus.ROLLBACK_FAILED, List.of());
    }

    private static ClusterView of(RolloutClusterEntity c) {
        return new ClusterView(c.cluster, c.wave, c.status, c.reasonCode, c.reason, c.startedAt, c.finishedAt,
                c.steps.stream().map(s -> new StepView(s.position, s.deployment, s.action, s.namespace, s.workload,
                        s.status, s.reasonCode, s.reason, s.requiredReplicas, s.attempts, s.deadlineAt, s.batchSize))
                        .toList());
    }
}
