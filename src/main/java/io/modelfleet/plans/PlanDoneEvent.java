package io.modelfleet.plans;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The data of the last event of a plan's stream ({@code event: done}): which plan, and how it ended. */
@Schema(name = "PlanDone", requiredProperties = {"id", "status"})
public record PlanDoneEvent(UUID id, PlanState status) {
}
