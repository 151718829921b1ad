package io.modelfleet.dashboard.dto;

import io.modelfleet.catalog.domain.Precision;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What runs now: every placement the last successful rollout of each (deployment, cluster) left in place, by
 * deployment then cluster, and the sum of their hourly costs.
 */
public record RunningFleet(List<Running> placements, double totalHourlyCostUsd) {

    public record Running(String deployment, String cluster, String variantId, Precision precision, String hardware,
            String pool, int replicas, double hourlyCostUsd, UUID planId, UUID rolloutId, OffsetDateTime updatedAt) {
    }
}
