package io.modelfleet.fleet.dto;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.fleet.domain.TargetType;
import java.util.List;

/** A cluster as a client sends it. */
public record ClusterSpec(String name, String region, Target target, List<NodePool> nodePools, String accountId) {

    public ClusterSpec(String name, String region, Target target, List<NodePool> nodePools) {
        this(name, region, target, nodePools, null);
    }

    /**
     * How to reach the cluster. {@code credentialsRef} names where credentials live ({@code secret:<ns>/<name>},
     * {@code file:<path>} or {@code env:<VAR>}); credentials themselves are never accepted or returned.
     */
    public record Target(TargetType type, String context, String apiServer, String namespace, String credentialsRef,
            String directory) {
    }

    public record NodePool(String name, String hardware, CapacityType capacityType, Integer maxNodes) {
    }
}
