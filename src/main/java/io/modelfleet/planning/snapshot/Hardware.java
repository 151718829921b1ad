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

    /** Where and at what hourly price this hardware can be had. */
    public record Offering(String region, CapacityType capacityType, double hourlyPriceUsd) {
    }
}
