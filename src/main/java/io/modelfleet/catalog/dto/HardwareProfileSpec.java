package io.modelfleet.catalog.dto;

import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import java.util.List;
import java.util.Map;

/**
 * A hardware profile as a client sends it (PUT body, profiles/hardware/*.yaml). {@code peakTeraOps} (dense
 * tera-operations per second of the whole node, per natively run precision) and {@code memoryBandwidthGBps} (the
 * node's accelerator memory bandwidth, DRAM bandwidth on CPU) are optional: they feed roofline estimates only.
 */
public record HardwareProfileSpec(String name, Accelerator accelerator, Integer acceleratorCount,
        Double acceleratorMemoryGiB, String resourceName, Integer vcpus, Double memoryGiB, List<Precision> precisions,
        Map<String, String> nodeLabels, List<Taint> taints, List<Offering> offerings,
        Map<Precision, Double> peakTeraOps, Double memoryBandwidthGBps) {

    /** An (region, capacity type, price) at which the hardware can be had. */
    public record Offering(String region, CapacityType capacityType, Double hourlyPriceUsd) {
    }
}
