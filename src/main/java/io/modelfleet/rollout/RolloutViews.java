package io.modelfleet.rollout;

import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutClusterEntity;
import io.modelfleet.rollout.entity.RolloutEntity;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.RolloutStepEntity;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What GET /rollouts/{id} shows: per cluster and per step, what happened and why. */
public final class RolloutViews {

    private RolloutViews() {
    }

    public record RolloutView(UUID id, UUID planId, RolloutStatus status, String reason, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, String createdBy, List<ClusterView> clusters) {
    }

    public record ClusterView(String cluster, int wave, ClusterStatus status, String reason, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, List<StepView> steps) {
    }

    public record StepView(int position, String deployment, StepAction action, String namespace, String workload,
            StepStatus status, String reason, int requiredReplicas, int attempts, OffsetDateTime deadlineAt) {
    }

    public static RolloutView of(RolloutEntity r) {
        return new RolloutView(r.id, r.planId, r.status, r.reason, r.createdAt, r.updatedAt, r.createdBy,
                r.clusters.stream().map(RolloutViews::of).toList());
    }

    private static ClusterView of(RolloutClusterEntity c) {
        return new ClusterView(c.cluster, c.wave, c.status, c.reason, c.startedAt, c.finishedAt,
                c.steps.stream().map(s -> new StepView(s.position, s.deployment, s.action, s.namespace, s.workload,
                        s.status, s.reason, s.requiredReplicas, s.attempts, s.deadlineAt)).toList());
    }
}
