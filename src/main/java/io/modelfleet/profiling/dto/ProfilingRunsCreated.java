package io.modelfleet.profiling.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The runs one request created: one per hardware profile, in hardware-name order. */
@Schema(requiredProperties = {"runs"})
public record ProfilingRunsCreated(List<ProfilingRunView> runs) {
}
