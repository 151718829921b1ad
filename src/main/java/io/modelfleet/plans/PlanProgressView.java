package io.modelfleet.plans;

import io.modelfleet.planning.PlanProgress;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The document's form of a job's {@link PlanProgress} (the planner's record carries no API annotations, planning
 * being pure Java): the same fields, with the figures null until the first unit is solved.
 */
@Schema(name = "PlanProgress", requiredProperties = {"unitsSolved", "unitsTotal", "phase"},
        description = "How far a plan job is: units solved of all, best cost and bound of those solved, their gap")
public record PlanProgressView(int unitsSolved, int unitsTotal, @Schema(nullable = true) Double bestCostUsd,
        @Schema(nullable = true) Double boundUsd, @Schema(nullable = true) Double gap, PlanProgress.Phase phase) {
}
