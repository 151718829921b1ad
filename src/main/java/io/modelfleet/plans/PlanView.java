package io.modelfleet.plans;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.PlanProgress;
import io.modelfleet.planning.PlanResult;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The plan as {@code GET /plans/{id}} answers it, typed, for the OpenAPI document. A stored plan is still served
 * from its stored text (no re-serialisation of megabytes per read); {@code PlanViewTest} reads served plans
 * strictly into this record, so a field the body gains without this record failing that test cannot exist.
 * The computed fields are absent while a job is RUNNING and on a FAILED plan.
 */
@Schema(name = "Plan", description = "A plan: request fields, status, the computed result and, for a job, progress")
public record PlanView(UUID id, OffsetDateTime createdAt, String createdBy, List<String> deployments,
        double timeLimitSeconds, PlanState status, Double totalHourlyCostUsd, Double lowerBoundUsd, Double gap,
        List<Placement> placements, List<PlanResult.PoolNodes> nodes, List<PlanResult.Unplaced> unplaced,
        List<AlternativesSummary> alternatives, PlanResult.Baselines baselines, List<PlanResult.QuotaUse> quotas,
        List<PlanResult.Warning> warnings, PlanResult.Stats stats, List<DemandRecord> demand, List<Analysis> analysis,
        List<Transition.Reserved> reservations, Transition transition,
        PlanProgressView progress, String failure, Boolean cancelled) {

    /**
     * A placement as stored: the planner's, on the operating point ({@code batchSize}, {@code concurrency}) whose
     * figures come from {@code benchmarkSource} (absent on plans stored before it was recorded), and
     * {@code sloAtRisk} when an OBSERVED row puts its SLO at risk.
     */
    @Schema(name = "PlanPlacement")
    public record Placement(String deployment, String cluster, String variantId, Precision precision,
            String hardware, String pool, int batchSize, int replicas, double p99LatencyMs, double capacityRps,
            double hourlyCostUsd, int concurrency, BenchmarkSource benchmarkSource, AtRisk sloAtRisk) {
    }

    @Schema(name = "SloAtRisk")
    public record AtRisk(List<String> reasons, double observedP99Ms, double sloP99Ms, double observedRpsPerReplica,
            double plannedRpsPerReplica, Window window) {
    }

    public record Window(OffsetDateTime end, int seconds) {
    }

    /** Per cluster, whether a rollout of the plan analyzes its steps against metrics. */
    @Schema(name = "PlanClusterAnalysis")
    public record Analysis(String cluster, boolean analyzed, String note) {
    }
}
