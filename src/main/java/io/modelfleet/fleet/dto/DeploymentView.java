package io.modelfleet.fleet.dto;

import java.time.OffsetDateTime;
import java.util.List;

public record DeploymentView(String name, String model, String version, Slo slo, List<Demand> demand, long revision,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public record Slo(double p99LatencyMs, Double minAccuracy, int minReplicas, double headroom) {
    }

    public record Demand(String cluster, double rps) {
    }
}
