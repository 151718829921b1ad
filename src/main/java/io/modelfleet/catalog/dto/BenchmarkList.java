package io.modelfleet.catalog.dto;

import java.util.List;

/** Body of POST .../variants/{id}/benchmarks: rows to add to a variant. */
public record BenchmarkList(List<BenchmarkSpec> benchmarks) {
}
