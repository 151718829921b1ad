package io.modelfleet.profiling.entity;

import io.modelfleet.catalog.dto.VariantView;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.profiling.domain.OperatingGrid;
import io.modelfleet.profiling.domain.ProfilingState;
import io.modelfleet.profiling.kube.KServeInput;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One row of {@code profiling_run}, as stored (V24). {@code model} is the variant's model, read with the row.
 *
 * @param input        the KServe v2 input tensor the load generator sends
 * @param rows         the benchmark rows the run wrote; empty until it SUCCEEDED
 * @param leaseToken   the claim counter every driver transition is conditional on
 */
public record ProfilingRun(UUID id, UUID variantId, String model, String hardware, String cluster, String pool,
        TargetType targetType, ProfilingState state, String reason, OperatingGrid grid, int durationSeconds,
        int timeoutSeconds, int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica,
        KServeInput input, String jobName, String jobNamespace, String jobManifest, String servingImage,
        String loadgenImage,
        OffsetDateTime createdAt, String createdBy, OffsetDateTime startedAt, OffsetDateTime finishedAt,
        String logsExcerpt, List<VariantView.Benchmark> rows, long leaseToken) {

    public ProfilingRun {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /**
     * When the run times out: its timeout after the Job was applied, or after it was created while it could not
     * be applied yet (a cluster that does not answer does not keep a run PENDING for ever).
     */
    public OffsetDateTime deadline() {
        return (startedAt != null ? startedAt : createdAt).plus(Duration.ofSeconds(timeoutSeconds));
    }
}
