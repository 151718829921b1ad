package io.modelfleet.planning.snapshot;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a node is: accelerator units (of its Kubernetes extended resource) with memory per unit, vCPUs, memory,
 * natively run precisions; and how it can be had (offerings).
 */
public record Hardware(String name, boolean accelerated, int acceleratorCount, double acceleratorMemoryGiB,
        int vcpus, double memoryGiB, Set<Precision> precisions, List<Offering> offerings) {

    public Hardware {
        precisions = Set.copyOf(precisions);
        offerings = List.copyOf(offerings);
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
