package io.modelfleet.planning.snapshot;

import java.util.List;

/** A model version to serve, its SLO, and the requests per second it must serve on each cluster. */
public record Deployment(String name, String model, String version, Slo slo, List<Demand> demand) {

    public Deployment {
        demand = List.copyOf(demand);
    }

    /** p99 budget, optional accuracy floor, replica floor and extra capacity as a fraction of demand. */
    public record Slo(double p99LatencyMs, Double minAccuracy, int minReplicas, double headroom) {
    }

    public record Demand(String cluster, double rps) {
    }
}
