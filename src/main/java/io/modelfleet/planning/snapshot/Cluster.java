package io.modelfleet.planning.snapshot;

import io.modelfleet.catalog.domain.CapacityType;
import java.util.List;

/**
 * A cluster in one region with its node pools; {@code accountId} (the AWS account, or null) decides which
 * service quotas it shares with other clusters of its region.
 */
public record Cluster(String name, String region, List<NodePool> pools, String accountId) {

    public Cluster {
        pools = List.copyOf(pools);
    }

    public Cluster(String name, String region, List<NodePool> pools) {
        this(name, region, pools, null);
    }

    /** Nodes of one hardware profile and capacity type, at most maxNodes of them. */
    public record NodePool(String name, String hardware, CapacityType capacityType, int maxNodes) {
    }
}
