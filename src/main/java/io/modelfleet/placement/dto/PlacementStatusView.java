package io.modelfleet.placement.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The loop as operators watch it: who holds the lease until when, triggers waiting, and the last evaluation's
 * figures (null before the first one).
 */
@Schema(name = "PlacementStatus")
public record PlacementStatusView(@Schema(nullable = true) String leaseHolder,
        @Schema(nullable = true) OffsetDateTime leaseExpiresAt, long leaseToken, long pendingTriggers,
        @Schema(nullable = true) Evaluation lastEvaluation) {

    /** One committed evaluation. */
    @Schema(name = "PlacementEvaluation")
    public record Evaluation(OffsetDateTime evaluatedAt, String holder, String cause, int unitsSolved,
            int unitsReused, long millis, int proposals, int created, int advanced, int superseded,
            int triggersConsumed, @Schema(nullable = true) String note) {
    }
}
