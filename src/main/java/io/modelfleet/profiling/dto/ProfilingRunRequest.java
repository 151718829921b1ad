package io.modelfleet.profiling.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to measure a variant with ModelFleet's load generator. {@code hardware} names a profile, or
 * {@value #ALL_NATIVE} for every profile of the fleet whose pools could run the variant's precision natively (one
 * run per profile); {@code input} is the tensor the load generator sends (the catalog does not know a model's
 * inputs). Every other field is optional: the defaults are batch sizes [1, 8], concurrencies [1, 4], 30 s per
 * point, a 1800 s timeout, the catalog's per-replica defaults, and the KUBERNETES cluster (else GITOPS) first by
 * name that has a pool of the hardware.
 */
@Schema(requiredProperties = {"hardware", "input"})
public record ProfilingRunRequest(
        @Schema(description = "a hardware profile name, or ALL_NATIVE", examples = "c6i.xlarge") String hardware,
        @Schema(description = "run on this cluster only; absent: the first that has a pool of the hardware")
        String cluster,
        List<Integer> batchSizes, List<Integer> concurrencies,
        @Schema(description = "seconds of load per operating point") Integer durationSeconds,
        @Schema(description = "seconds the whole run may take before it is TIMED_OUT and its Job deleted")
        Integer timeoutSeconds,
        Integer acceleratorsPerReplica, Double vcpusPerReplica, Double memoryGiBPerReplica,
        @Schema(description = "the KServe v2 input tensor the load generator sends") Input input) {

    public static final String ALL_NATIVE = "ALL_NATIVE";

    /** A KServe v2 input tensor: its name, its shape without the batch dimension, its datatype (FP32, INT64, ...). */
    @Schema(requiredProperties = {"name", "shape", "datatype"})
    public record Input(String name, List<Integer> shape, String datatype) {
    }
}
