package io.modelfleet.profiling.kube;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import io.modelfleet.profiling.domain.OperatingGrid;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything one profiling Job is rendered from: the run, the variant it serves, the hardware it must land on, what
 * one replica is given, and what the load generator measures. Per-replica figures are resolved (no nulls): they are
 * what the pod requests and what the rows it produces say.
 */
public record ProfilingJobSpec(UUID runId, String jobName, String namespace, Served served, Placement placement,
        int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica, OperatingGrid grid,
        int durationSeconds, int timeoutSeconds, KServeInput input, String loadgenImage,
        int ttlSecondsAfterFinished) {

    /** The variant the serving container runs. */
    public record Served(String model, String modelVersion, UUID variantId, Precision precision, String image,
            String artifactUri, String artifactSha256) {
    }

    /** Where the pod must run: the hardware's node labels and taints, its extended resource, the pool's capacity. */
    public record Placement(String hardware, CapacityType capacityType, Map<String, String> nodeLabels,
            List<Taint> taints, String resourceName) {

        public Placement {
            nodeLabels = Map.copyOf(nodeLabels);
            taints = List.copyOf(taints);
        }
    }
}
