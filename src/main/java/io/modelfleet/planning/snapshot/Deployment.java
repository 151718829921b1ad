package io.modelfleet.planning.snapshot;

import java.util.List;

/**
 * A model version to serve, its SLO, and the requests per second it must serve on each cluster.
 * {@code allowEstimated}: whether ESTIMATED benchmark rows may be planned for it (design 007, B4).
 */
public record Deployment(String name, String model, String version, Slo slo, List<Demand> demand,
        boolean allowEstimated) {

    public Deployment {
        demand = List.copyOf(demand);
    }

    /** A deployment that plans with measured rows only. */
    public Deployment(String name, String model, String version, Slo slo, List<Demand> demand) {
        this(name, model, version, slo, demand, false);
    }

    /** The same deployment with other demand rows. */
    public Deployment withDemand(List<Demand> other) {
        return new Deployment(name, model, version, slo, other, allowEstimated);
    }

    /** p99 budget, optional accuracy floor, replica floor and extra capacity as a fraction of demand. */
    public record Slo(double p99LatencyMs, Double minAccuracy, int minReplicas, double headroom) {
    }

    public record Demand(String cluster, double rps) {
    }
}
