package io.modelfleet.placement.dto;

import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.placement.domain.RecommendationStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A recommendation on the wire (docs/api.md, "Recommendations"): what changes on every cluster, what it saves at
 * today's prices, what it disrupts, and where it is in its life.
 */
@Schema(name = "Recommendation")
public record RecommendationView(UUID id, String deployment, RecommendationStatus status, List<Change> changes,
        double currentHourlyCostUsd, double proposedHourlyCostUsd, double savingsHourlyUsd, double savingsMonthlyUsd,
        double savingsFraction, DisruptionView disruption, double score, boolean urgent, List<String> reasons,
        OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, @Schema(nullable = true) OffsetDateTime openedAt,
        int consecutiveEvaluations, @Schema(nullable = true) UUID planId, @Schema(nullable = true) UUID rolloutId,
        @Schema(nullable = true) String decidedBy, @Schema(nullable = true) OffsetDateTime decidedAt,
        @Schema(nullable = true) String decisionNote, @Schema(nullable = true) String supersededReason) {

    /** Hours in a month, as cloud price pages count them. */
    public static final int HOURS_PER_MONTH = 730;

    /** One cluster's change: {@code from} null when nothing ran there, {@code to} null when it is removed. */
    @Schema(name = "RecommendationChange")
    public record Change(String cluster, @Schema(nullable = true) Choice from, @Schema(nullable = true) Choice to) {
    }

    /** A workload on a cluster: the variant on a pool at a batch size, its replicas, its hourly cost. */
    @Schema(name = "RecommendationChoice")
    public record Choice(String variantId, @Schema(nullable = true) Precision precision, String hardware, String pool,
            int batchSize, int replicas, double hourlyCostUsd) {
    }

    /** What rolling it out disturbs: replicas replaced, clusters whose hardware changes, clusters touched. */
    @Schema(name = "RecommendationDisruption")
    public record DisruptionView(int replicasReplaced, int hardwareSwitches, int clustersTouched,
            int replicasRunning) {
    }
}
