package io.modelfleet.fleet.dto;

import java.util.List;

/** A deployment as a client sends it: model version, SLO and demand per cluster. */
public record DeploymentSpec(String name, String model, String version, Slo slo, List<Demand> demand) {

    /** minReplicas defaults to 1 and headroom (extra capacity as a fraction of demand) to 0. */
    public record Slo(Double p99LatencyMs, Double minAccuracy, Integer minReplicas, Double headroom) {
    }

    public record Demand(String cluster, Double rps) {
    }
}
