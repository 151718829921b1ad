package io.modelfleet.catalog.dto;

import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import java.util.List;

/** A variant as a client sends it (POST/PUT body, or an entry of a model in profiles/models/*.yaml). */
public record VariantSpec(String version, Precision precision, List<Compression> compression, String artifactUri,
        String artifactSha256, Long sizeBytes, String format, String image, Double accuracy,
        List<BenchmarkSpec> benchmarks) {
}
