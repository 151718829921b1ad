package io.modelfleet.rollout;

import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutClusterEntity;
import io.modelfleet.rollout.entity.RolloutEntity;
import io.modelfleet.rollout.entity.RolloutKind;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.RolloutStepEntity;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.plans.PlanJson;
import io.modelfleet.rollout.entity.RolloutMeasurementEntity;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What GET /rollouts/{id} shows: per cluster and per step, what happened and why (a step's {@code batchSize} is set
 * when a switch goes gradually because its pools cannot hold the old and the new workload at once) — a {@code reasonCode} to switch
 * on (see {@code io.modelfleet.rollout.engine.ReasonCode}) and a {@code reason} in words; an analyzed step's
 * {@code analysis} shows every measurement's query, value and verdict and the decision.
 */
public final class RolloutViews {

    private RolloutViews() {
    }


    /** {@code warnings}: the plan's, as it warned when the rollout started (empty when it had none). */
    @Schema(requiredProperties = {"id", "planId", "kind", "status", "reasonCode", "reason", "createdAt", "updatedAt",
            "createdBy", "transitions", "needsAttention", "warnings", "clusters"})
    public record RolloutView(UUID id, @Schema(nullable = true) UUID planId, RolloutKind kind, RolloutStatus status,
            @Schema(nullable = true) String reasonCode, @Schema(nullable = true) String reason,
            OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy, int transitions,
            boolean needsAttention, List<PlanResult.Warning> warnings, List<ClusterView> clusters) {
    }


    @Schema(requiredProperties = {"cluster", "wave", "status", "reasonCode", "reason", "startedAt", "finishedAt",
            "steps"})
    public record ClusterView(String cluster, int wave, ClusterStatus status,
            @Schema(nullable = true) String reasonCode, @Schema(nullable = true) String reason,
            @Schema(nullable = true) OffsetDateTime startedAt, @Schema(nullable = true) OffsetDateTime finishedAt,
            List<StepView> steps) {
    }


    @Schema(requiredProperties = {"position", "deployment", "action", "namespace", "workload", "status", "reasonCode",
            "reason", "requiredReplicas", "attempts", "deadlineAt", "batchSize"})
    public record StepView(int position, String deployment, StepAction action, String namespace, String workload,
            StepStatus status, @Schema(nullable = true) String reasonCode, @Schema(nullable = true) String reason,
            int requiredReplicas, int attempts, @Schema(nullable = true) OffsetDateTime deadlineAt,
            @Schema(nullable = true) Integer batchSize,
            @JsonInclude(JsonInclude.Include.NON_NULL) AnalysisView analysis) {
    }

    /**
     * A step's analysis (absent when its cluster had no metrics source): the verdict once decided (null while it
     * measures), every check of every measurement in order, and the last decision with its numbers.
     */
    public record AnalysisView(@Schema(nullable = true) String verdict, List<MeasurementView> measurements,
            @Schema(nullable = true) String decision) {
    }

    /** One check of one measurement: the query sent, the value it returned (null: none) and its verdict. */
    public record MeasurementView(int seq, String check, String query, @Schema(nullable = true) Double value,
            String verdict, OffsetDateTime at, @Schema(nullable = true) String detail) {
    }

    public static RolloutView of(RolloutEntity r) {
        return of(r, List.of());
    }

    /** The rollout with the measurements of its analyzed steps. */
    public static RolloutView of(RolloutEntity r, List<RolloutMeasurementEntity> measurements) {
        Map<Long, List<MeasurementView>> byStep = new HashMap<>();
        measurements.stream().sorted(Comparator.comparingInt((RolloutMeasurementEntity m) -> m.seq)
                .thenComparing(m -> m.check)).forEach(m -> byStep.computeIfAbsent(m.stepId, k -> new ArrayList<>())
                        .add(new MeasurementView(m.seq, m.check, m.query, m.value, m.verdict, m.takenAt, m.detail)));
        return new RolloutView(r.id, r.planId, r.kind, r.status, r.reasonCode, r.reason, r.createdAt, r.updatedAt,
                r.createdBy, r.transitions, r.status == RolloutStatus.ROLLBACK_FAILED, warnings(r),
                r.clusters.stream().map(c -> of(c, byStep)).toList());
    }

    /** The list view: the rollout without its clusters. */
    public static RolloutView summary(RolloutEntity r) {
        return new RolloutView(r.id, r.planId, r.kind, r.status, r.reasonCode, r.reason, r.createdAt, r.updatedAt,
                r.createdBy, r.transitions, r.status == RolloutStatus.ROLLBACK_FAILED, warnings(r), List.of());
    }

    /** The warnings the rollout started with, as stored by {@link #warningsText}. */
    static List<PlanResult.Warning> warnings(RolloutEntity r) {
        if (r.warnings == null) {
            return List.of();
        }
        try {
            return PlanJson.MAPPER.readValue(r.warnings, WARNINGS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("rollout " + r.id + " has unreadable warnings", e);
        }
    }

    /** The plan's warnings as a rollout stores them; null when there are none. */
    static String warningsText(List<PlanResult.Warning> warnings) {
        if (warnings == null || warnings.isEmpty()) {
            return null;
        }
        try {
            return PlanJson.MAPPER.writeValueAsString(warnings);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise plan warnings", e);
        }
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<PlanResult.Warning>> WARNINGS =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };

    private static ClusterView of(RolloutClusterEntity c, Map<Long, List<MeasurementView>> measurements) {
        return new ClusterView(c.cluster, c.wave, c.status, c.reasonCode, c.reason, c.startedAt, c.finishedAt,
                c.steps.stream().map(s -> new StepView(s.position, s.deployment, s.action, s.namespace, s.workload,
                        s.status, s.reasonCode, s.reason, s.requiredReplicas, s.attempts, s.deadlineAt, s.batchSize,
                        s.metricsUrl == null ? null : new AnalysisView(s.analysisVerdict,
                                measurements.getOrDefault(s.id, List.of()), s.analysisDecision)))
                        .toList());
    }
}
