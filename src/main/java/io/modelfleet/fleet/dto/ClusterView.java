package io.modelfleet.fleet.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.fleet.domain.TargetType;
import java.time.OffsetDateTime;
import java.util.List;

/** A cluster as returned: the credentials reference is never echoed, only whether one is configured. */
public record ClusterView(String name, String region, String accountId, Target target, List<NodePool> nodePools,
        long revision, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(TargetType type, String context, String apiServer, String namespace,
            boolean credentialsConfigured, String directory) {
    }

    public record NodePool(String name, String hardware, CapacityType capacityType, int maxNodes) {
    }
}
