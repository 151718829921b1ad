package io.modelfleet.catalog.dto;

import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A hardware profile as the API returns it: the spec plus revision, timestamps and each price's origin. */
@Schema(requiredProperties = {"name", "accelerator", "acceleratorCount", "acceleratorMemoryGiB", "resourceName",
        "vcpus", "memoryGiB", "precisions", "nodeLabels", "taints", "offerings", "revision", "createdAt", "updatedAt",
        "peakTeraOps", "memoryBandwidthGBps"})
public record HardwareProfileView(String name, Accelerator accelerator, int acceleratorCount,
        double acceleratorMemoryGiB, @Schema(nullable = true) String resourceName, int vcpus, double memoryGiB,
        List<Precision> precisions,
        Map<String, String> nodeLabels, List<Taint> taints, List<Offering> offerings, long revision,
        OffsetDateTime createdAt, OffsetDateTime updatedAt,
        @Schema(description = "Dense peak tera-operations per second of the whole node per precision it runs"
                + " natively; empty when unknown") Map<Precision, Double> peakTeraOps,
        @Schema(nullable = true, description = "Accelerator memory bandwidth of the node in GB/s (DRAM bandwidth"
                + " on CPU profiles)") Double memoryBandwidthGBps) {


    @Schema(requiredProperties = {"region", "capacityType", "hourlyPriceUsd", "priceSource", "priceUpdatedAt", "stale",
            "available", "refreshError"})
    public record Offering(String region, CapacityType capacityType, double hourlyPriceUsd, String priceSource,
            @Schema(nullable = true) OffsetDateTime priceUpdatedAt, boolean stale, boolean available,
            @Schema(nullable = true) String refreshError) {
    }
}
