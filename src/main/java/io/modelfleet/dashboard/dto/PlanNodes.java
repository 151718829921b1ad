package io.modelfleet.dashboard.dto;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import java.util.List;
import java.util.UUID;

/** Every node a stored plan buys, pool by pool, with what sits on it and how full it is. */
public record PlanNodes(UUID planId, List<Node> nodes) {

    /**
     * One node: {@code index} counts from 0 within its pool; its capacity is the hardware's (accelerator units,
     * vCPUs, memory GiB). Use is in percent of the node's capacity, rounded to
     * one decimal; {@code acceleratorPercent} is null on hardware without accelerators.
     */
    public record Node(String cluster, String pool, int index, String hardware, CapacityType capacityType,
            double hourlyPriceUsd, int acceleratorCount, int vcpus, double memoryGiB, List<Replicas> replicas,
            Double acceleratorPercent, double vcpuPercent, double memoryPercent) {
    }

    /** A deployment's replicas on one node, with what each of them needs. */
    public record Replicas(String deployment, String variantId, Precision precision, int replicas,
            int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica) {
    }
}
