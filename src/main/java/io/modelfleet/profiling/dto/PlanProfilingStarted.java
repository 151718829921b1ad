package io.modelfleet.profiling.dto;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The runs started for a plan's profiling suggestions, and the suggestions not started with the reason. */
@Schema(requiredProperties = {"planId", "runs", "skipped"})
public record PlanProfilingStarted(UUID planId, List<ProfilingRunView> runs, List<Skipped> skipped) {

    @Schema(requiredProperties = {"variantId", "hardware", "cluster", "reason"})
    public record Skipped(String variantId, String hardware, String cluster, String reason) {
    }
}
