package io.modelfleet.dashboard.dto;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Per model, accuracy against cost per million inferences for every benchmark row (variant x hardware x batch
 * size). docs/dashboard.md defines the cost.
 */
public record Frontier(List<ModelFrontier> models) {

    public record ModelFrontier(String model, String accuracyMetric, List<Point> points) {
    }

    /**
     * One benchmark row, an operating point ({@code batchSize} at {@code concurrency}). {@code replicaShare} is the fraction of a node one replica takes (the largest of its
     * accelerator, vCPU and memory shares; null when it needs accelerators the hardware lacks);
     * {@code costPerMillionUsd} is null when the hardware has no available offering or the replica does not fit
     * on one node ({@code note} says which). {@code onFrontier}: no other point
     * of the model is at least as accurate and cheaper.
     */
    public record Point(UUID variantId, String version, Precision precision, List<Compression> compression,
            @Schema(nullable = true) Double accuracy, String hardware, int batchSize, double p99LatencyMs,
            double throughputRps, BenchmarkSource source, @Schema(nullable = true) Double replicaShare,
            @Schema(nullable = true) Offering offering, @Schema(nullable = true) Double costPerMillionUsd,
            boolean onFrontier, @Schema(nullable = true) String note, int concurrency) {
    }

    /** The cheapest available offering of the hardware, the price the cost is computed at. */
    public record Offering(String region, CapacityType capacityType, double hourlyPriceUsd) {
    }
}
