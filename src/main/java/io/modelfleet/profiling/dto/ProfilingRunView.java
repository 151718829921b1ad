package io.modelfleet.profiling.dto;

import io.modelfleet.catalog.dto.VariantView;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.profiling.domain.ProfilingState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A profiling run: what it measures where, its state and why, the end of the load generator's log, and the
 * benchmark rows it wrote (only a SUCCEEDED run has any).
 */
@Schema(requiredProperties = {"id", "model", "variantId", "hardware", "cluster", "pool", "targetType", "state",
        "batchSizes", "concurrencies", "durationSeconds", "timeoutSeconds", "acceleratorsPerReplica",
        "vcpusPerReplica", "memoryGiBPerReplica", "input", "job", "createdAt", "createdBy", "rows"})
public record ProfilingRunView(UUID id, String model, UUID variantId, String hardware, String cluster, String pool,
        TargetType targetType, ProfilingState state,
        @Schema(nullable = true, description = "why the run is where it is: a failure's cause, what a pending"
                + " Job waits for") String reason,
        List<Integer> batchSizes, List<Integer> concurrencies, int durationSeconds, int timeoutSeconds,
        int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica,
        ProfilingRunRequest.Input input, Job job, OffsetDateTime createdAt,
        String createdBy, @Schema(nullable = true) OffsetDateTime startedAt,
        @Schema(nullable = true) OffsetDateTime finishedAt,
        @Schema(nullable = true, description = "the last ~4 KB of the load generator's log") String logsExcerpt,
        @Schema(description = "the MEASURED benchmark rows the run wrote") List<VariantView.Benchmark> rows) {

    /** The Kubernetes Job of the run, as rendered when the run was created. */
    @Schema(requiredProperties = {"name", "namespace", "loadgenImage", "manifest"})
    public record Job(String name, String namespace, String loadgenImage,
            @Schema(description = "the Job's YAML, as applied (or written to the GitOps folder)") String manifest) {
    }
}
