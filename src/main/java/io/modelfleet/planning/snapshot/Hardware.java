package io.modelfleet.planning.snapshot;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a node is: accelerator units (of its Kubernetes extended resource) with memory per unit, vCPUs, memory,
 * natively run precisions; and how it can be had (offerings). {@code peakTeraOps} (dense, whole node, per native
 * precision; empty when unknown) and {@code memoryBandwidthGBps} (null when unknown) feed roofline estimates only.
 */
public record Hardware(String name, boolean accelerated, int acceleratorCount, double acceleratorMemoryGiB,
        int vcpus, double memoryGiB, Set<Precision> precisions, List<Offering> offerings,
        Map<Precision, Double> peakTeraOps, Double memoryBandwidthGBps) {

    public Hardware {
        precisions = Set.copyOf(precisions);
        offerings = List.copyOf(offerings);
        peakTeraOps = ordered(peakTeraOps);
    }

    /** Hardware without peak figures: nothing can be estimated on it. */
    public Hardware(String name, boolean accelerated, int acceleratorCount, double acceleratorMemoryGiB,
            int vcpus, double memoryGiB, Set<Precision> precisions, List<Offering> offerings) {
        this(name, accelerated, acceleratorCount, acceleratorMemoryGiB, vcpus, memoryGiB, precisions, offerings,
                Map.of(), null);
    }

    /** The node's dense peak for a precision, when one is known. */
    public Optional<Double> peakTeraOps(Precision precision) {
        return Optional.ofNullable(peakTeraOps.get(precision));
    }

    /** In precision order and unmodifiable, so equal hardware prints and compares alike. */
    private static Map<Precision, Double> ordered(Map<Precision, Double> peaks) {
        EnumMap<Precision, Double> out = new EnumMap<>(Precision.class);
        if (peaks != null) {
            out.putAll(peaks);
        }
        return Collections.unmodifiableMap(out);
    }

    public Optional<Offering> offering(String region, CapacityType capacityType) {
        return offerings.stream().filter(o -> o.region().equals(region) && o.capacityType() == capacityType)
                .findFirst();
    }

    public Resources capacity() {
        return Resources.of(acceleratorCount, vcpus, memoryGiB);
    }

    /**
     * Where and at what hourly price this hardware can be had. {@code available} is false when the region does not
     * offer the type; {@code stale} when the last price refresh failed and the price is the last one known.
     */
    public record Offering(String region, CapacityType capacityType, double hourlyPriceUsd, boolean available,
            boolean stale, String priceNote) {

        public Offering(String region, CapacityType capacityType, double hourlyPriceUsd) {
            this(region, capacityType, hourlyPriceUsd, true, false, null);
        }
    }
}
