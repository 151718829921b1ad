package io.modelfleet.catalog.dto;

import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import java.util.List;

/**
 * A variant as a client sends it (POST/PUT body, or an entry of a model in profiles/models/*.yaml);
 * {@code flopsPerInference} (optional) is the operations one inference takes, for roofline estimates.
 */
public record VariantSpec(String version, Precision precision, List<Compression> compression, String artifactUri,
        String artifactSha256, Long sizeBytes, String format, String image, Double accuracy,
        List<BenchmarkSpec> benchmarks, Double flopsPerInference) {

    /** A variant without the roofline's compute input. */
    public VariantSpec(String version, Precision precision, List<Compression> compression, String artifactUri,
            String artifactSha256, Long sizeBytes, String format, String image, Double accuracy,
            List<BenchmarkSpec> benchmarks) {
        this(version, precision, compression, artifactUri, artifactSha256, sizeBytes, format, image, accuracy,
                benchmarks, null);
    }
}
