package io.modelfleet.benchmarks.dto;

import io.modelfleet.catalog.dto.VariantView;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The ESTIMATED rows as they now stand, each with its derivation in {@code provenance}; {@code skipped} says what
 * was not estimated and why (a measured row holds the key, the profile has no peak for the precision).
 */
@Schema(requiredProperties = {"model", "variantId", "created", "replaced", "unchanged", "rows", "skipped"})
public record EstimateResult(String model, UUID variantId, int created, int replaced, boolean unchanged,
        List<VariantView.Benchmark> rows, List<Skipped> skipped) {

    /** One (hardware, batch size) not estimated, and why. */
    @Schema(requiredProperties = {"hardware", "reason"})
    public record Skipped(String hardware, @Schema(nullable = true) Integer batchSize, String reason) {
    }
}
