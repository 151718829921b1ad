package io.modelfleet.fleet.dto;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.fleet.domain.TargetType;
import java.util.List;

/** A cluster as a client sends it. */
public record ClusterSpec(String name, String region, Target target, List<NodePool> nodePools, String accountId,
        Metrics metrics) {

    public ClusterSpec(String name, String region, Target target, List<NodePool> nodePools, String accountId) {
        this(name, region, target, nodePools, accountId, null);
    }

    public ClusterSpec(String name, String region, Target target, List<NodePool> nodePools) {
        this(name, region, target, nodePools, null, null);
    }

    /**
     * How to reach the cluster. {@code credentialsRef} names where credentials live ({@code secret:<ns>/<name>},
     * {@code file:<path>} or {@code env:<VAR>}); credentials themselves are never accepted or returned.
     */
    public record Target(TargetType type, String context, String apiServer, String namespace, String credentialsRef,
            String directory) {
    }

    /**
     * Where the cluster's metrics are (optional; absent means its rollout steps are not analyzed): the base URL of a
     * Prometheus-compatible HTTP API (before {@code /api/v1}) and, optionally, where its bearer token lives, in the
     * same reference forms as {@code target.credentialsRef} (except {@code eks:}). Tokens are never accepted.
     */
    public record Metrics(String prometheusUrl, String credentialsRef) {
    }

    public record NodePool(String name, String hardware, CapacityType capacityType, Integer maxNodes) {
    }
}
