package io.modelfleet.planning.snapshot;

import io.modelfleet.catalog.domain.CapacityType;
import java.util.List;

/** A cluster in one region with its node pools. */
public record Cluster(String name, String region, List<NodePool> pools) {

    public Cluster {
        pools = List.copyOf(pools);
    }

    /** Nodes of one hardware profile and capacity type, at most maxNodes of them. */
    public record NodePool(String name, String hardware, CapacityType capacityType, int maxNodes) {
    }
}
