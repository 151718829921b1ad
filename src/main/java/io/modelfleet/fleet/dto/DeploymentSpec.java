package io.modelfleet.fleet.dto;

import io.modelfleet.analysis.domain.ErrorRatioPolicy;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.fleet.domain.DemandSource;
import io.modelfleet.placement.domain.AutoRollout;
import java.util.List;

/**
 * A deployment as a client sends it: model version, SLO and demand per cluster; which demand plans use
 * ({@code demandSource}, DECLARED when absent) and how its rollout steps are analyzed ({@code analysis}, every
 * knob optional); whether the placement loop rolls it out by itself ({@code autoRollout}, NEVER when absent) and
 * within what {@code disruptionBudget} (every field optional); whether ESTIMATED benchmark rows may be planned for it
 * ({@code allowEstimated}: false when a deployment is created without it, unchanged when one is replaced without it).
 */
public record DeploymentSpec(String name, String model, String version, Slo slo, List<Demand> demand,
        DemandSource demandSource, Analysis analysis, AutoRollout autoRollout, DisruptionBudget disruptionBudget,
        Boolean allowEstimated) {

    public DeploymentSpec(String name, String model, String version, Slo slo, List<Demand> demand,
            DemandSource demandSource, Analysis analysis, AutoRollout autoRollout, DisruptionBudget disruptionBudget) {
        this(name, model, version, slo, demand, demandSource, analysis, autoRollout, disruptionBudget, null);
    }

    /** The same spec with {@code allowEstimated} decided. */
    public DeploymentSpec withAllowEstimated(boolean allow) {
        return new DeploymentSpec(name, model, version, slo, demand, demandSource, analysis, autoRollout,
                disruptionBudget, allow);
    }

    public DeploymentSpec(String name, String model, String version, Slo slo, List<Demand> demand) {
        this(name, model, version, slo, demand, null, null);
    }

    public DeploymentSpec(String name, String model, String version, Slo slo, List<Demand> demand,
            DemandSource demandSource, Analysis analysis) {
        this(name, model, version, slo, demand, demandSource, analysis, null, null);
    }

    /** minReplicas defaults to 1 and headroom (extra capacity as a fraction of demand) to 0. */
    public record Slo(Double p99LatencyMs, Double minAccuracy, Integer minReplicas, Double headroom) {
    }

    public record Demand(String cluster, Double rps) {
    }

    /**
     * Analysis knobs; absent ones take their defaults. Durations are Prometheus durations ({@code 30s}, {@code 5m},
     * {@code 1h}); {@code runtime} absent means it is chosen from the variant's image and format;
     * {@code errorRatio} absent means REQUIRED.
     */
    public record Analysis(QueryRuntime runtime, String interval, Integer count, String initialDelay,
            Integer failureLimit, Integer inconclusiveLimit, Integer consecutiveErrorLimit, Long minRequests,
            Double maxErrorRatio, String window, ErrorRatioPolicy errorRatio) {
    }

    /**
     * At most {@code maxDisruptedPercent} (1..100, 100 when absent) of the replicas disrupted at once, and only
     * inside {@code maintenanceWindow} (absent: any time).
     */
    public record DisruptionBudget(Integer maxDisruptedPercent, MaintenanceWindow maintenanceWindow) {
    }

    /**
     * A window opens at every execution of {@code schedule}, a 5-field UNIX cron in UTC, and stays open for
     * {@code duration}, a Prometheus duration ({@code 30m}, {@code 2h}; at most 7d).
     */
    public record MaintenanceWindow(String schedule, String duration) {
    }
}
