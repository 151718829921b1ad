package io.modelfleet.benchmarks.dto;

import java.util.List;

/**
 * Which roofline estimates to write: on the named hardware profiles (absent: every profile that runs the variant's
 * precision natively and has a peak for it), at these batch sizes (absent: 1, 8 and 32), for a replica given these
 * resources (absent: the catalog's defaults).
 */
public record EstimateRequest(List<String> hardware, List<Integer> batchSizes, Integer acceleratorsPerReplica,
        Double vcpusPerReplica, Double memoryGiBPerReplica) {
}
