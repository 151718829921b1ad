package io.modelfleet.profiling.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Profile what a plan suggests: one run per suggested (variant, hardware), on the suggestion's cluster. {@code input}
 * is the tensor the load generator sends (the catalog does not know a model's inputs); the batch sizes default to 1
 * and the suggestion's, the rest as for a variant's runs.
 */
@Schema(requiredProperties = {"input"})
public record PlanProfilingRequest(ProfilingRunRequest.Input input, List<Integer> batchSizes,
        List<Integer> concurrencies, Integer durationSeconds, Integer timeoutSeconds) {
}
