package io.modelfleet.fleet.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.fleet.domain.TargetType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A cluster as returned: credentials references are never echoed, only whether one is configured. {@code metrics}
 * is absent when the cluster names no metrics source.
 */
@Schema(requiredProperties = {"name", "region", "accountId", "target", "nodePools", "revision", "createdAt",
        "updatedAt"})
public record ClusterView(String name, String region, @Schema(nullable = true) String accountId, Target target,
        List<NodePool> nodePools,
        @JsonInclude(JsonInclude.Include.NON_NULL) Metrics metrics, long revision, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(TargetType type, String context, String apiServer, String namespace,
            boolean credentialsConfigured, String directory) {
    }

    public record Metrics(String prometheusUrl, boolean credentialsConfigured) {
    }


    @Schema(requiredProperties = {"name", "hardware", "capacityType", "maxNodes"})
    public record NodePool(String name, String hardware, CapacityType capacityType, int maxNodes) {
    }
}
