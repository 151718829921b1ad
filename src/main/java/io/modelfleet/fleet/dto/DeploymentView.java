package io.modelfleet.fleet.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelfleet.analysis.domain.ErrorRatioPolicy;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.fleet.domain.DemandSource;
import io.modelfleet.placement.domain.AutoRollout;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A deployment as returned; {@code analysis} and {@code disruptionBudget} show every knob as it applies, defaults
 * filled in; {@code allowEstimated} always says whether ESTIMATED benchmark rows may be planned for it.
 */
@Schema(requiredProperties = {"name", "model", "version", "slo", "demand", "demandSource", "analysis",
        "autoRollout", "disruptionBudget", "allowEstimated", "revision", "createdAt", "updatedAt"})
public record DeploymentView(String name, String model, String version, Slo slo, List<Demand> demand,
        DemandSource demandSource, Analysis analysis, AutoRollout autoRollout, DisruptionBudget disruptionBudget,
        boolean allowEstimated, long revision, OffsetDateTime createdAt, OffsetDateTime updatedAt) {


    @Schema(requiredProperties = {"p99LatencyMs", "minAccuracy", "minReplicas", "headroom"})
    public record Slo(double p99LatencyMs, @Schema(nullable = true) Double minAccuracy, int minReplicas,
            double headroom) {
    }


    @Schema(requiredProperties = {"cluster", "rps"})
    public record Demand(String cluster, double rps) {
    }

    /** {@code runtime} is absent when it is chosen from the variant; durations in canonical Prometheus form. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Analysis(QueryRuntime runtime, String interval, int count, String initialDelay, int failureLimit,
            int inconclusiveLimit, int consecutiveErrorLimit, long minRequests, double maxErrorRatio, String window,
            ErrorRatioPolicy errorRatio) {
    }

    /** {@code maintenanceWindow} is absent when rollouts may disrupt the deployment at any time. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"maxDisruptedPercent"})
    public record DisruptionBudget(int maxDisruptedPercent, MaintenanceWindow maintenanceWindow) {
    }

    /** The duration in canonical Prometheus form ({@code 90m} is shown as {@code 1h30m}). */
    @Schema(requiredProperties = {"schedule", "duration"})
    public record MaintenanceWindow(String schedule, String duration) {
    }
}
