package io.modelfleet.planning.snapshot;

import io.modelfleet.catalog.domain.CapacityType;
import java.util.List;

/**
 * Nodes of one pool that deployments not in this plan occupy where they run now (design 006, I1): the plan may use
 * only {@code maxNodes - nodes} of the pool, and every quota covering the pool has {@code nodes x vcpusPerNode}
 * fewer vCPUs left. The cluster need not be in the snapshot: a cluster with no pair in the plan still uses its
 * account's quotas. {@code deployments} names who holds the nodes, for the plan's explanation.
 */
public record Reservation(String cluster, String region, String accountId, String pool, String hardware,
        CapacityType capacityType, int nodes, int vcpusPerNode, List<String> deployments) {

    public Reservation {
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
    }

    public long vcpus() {
        return (long) nodes * vcpusPerNode;
    }
}
