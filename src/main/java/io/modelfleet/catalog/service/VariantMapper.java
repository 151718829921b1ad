package io.modelfleet.catalog.service;

import io.modelfleet.catalog.dto.BenchmarkSpec;
import io.modelfleet.catalog.dto.VariantSpec;
import io.modelfleet.catalog.dto.VariantView;
import io.modelfleet.catalog.entity.BenchmarkEntity;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.common.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.Map;

/**
 * Entity ↔ DTO for variants and their benchmark rows. OBSERVED rows are ModelFleet's own records: views show them
 * after the declared rows (as CatalogReads orders them), while a spec, a replacement and an append see and touch
 * only the declared rows.
 */
public final class VariantMapper {

    private VariantMapper() {
    }

    public static VariantView view(VariantEntity e) {
        return new VariantView(e.id, e.model.name, e.version, e.precision, List.copyOf(e.compression),
                e.artifactUri, e.artifactSha256, e.sizeBytes, e.format, e.image, e.accuracy,
                e.benchmarks.stream().sorted(Comparator.comparing(BenchmarkEntity::observed)
                        .thenComparingInt(b -> b.position))
                        .map(VariantMapper::benchmarkView).toList(),
                e.revision, e.createdAt, e.updatedAt, e.flopsPerInference);
    }

    public static VariantView.Benchmark benchmarkView(BenchmarkEntity b) {
        return new VariantView.Benchmark(b.hardware.name, b.batchSize, b.p99LatencyMs, b.throughputRps,
                b.acceleratorsPerReplica, b.vcpusPerReplica, b.memoryGiBPerReplica, b.source, b.observedDeployment,
                b.observedCluster, b.observedAt == null ? null : b.observedAt.withOffsetSameInstant(ZoneOffset.UTC),
                b.windowSeconds, b.loadRps, b.concurrency, b.provenance == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(b.provenance)));
    }

    /** The view of a variant just inserted from a normalized body: revision 0, created and updated at {@code at}. */
    public static VariantView view(UUID id, String model, VariantSpec spec, OffsetDateTime at) {
        return new VariantView(id, model, spec.version(), spec.precision(), List.copyOf(spec.compression()),
                spec.artifactUri(), spec.artifactSha256(), spec.sizeBytes(), spec.format(), spec.image(),
                spec.accuracy(), spec.benchmarks().stream().map(b -> new VariantView.Benchmark(b.hardware(),
                        b.batchSize(), b.p99LatencyMs(), b.throughputRps(), b.acceleratorsPerReplica(),
                        b.vcpusPerReplica(), b.memoryGiBPerReplica(), b.source(), null, null, null, null, null,
                        b.concurrency(), null)).toList(),
                0, at, at, spec.flopsPerInference());
    }

    public static VariantSpec spec(VariantEntity e) {
        return new VariantSpec(e.version, e.precision, List.copyOf(e.compression), e.artifactUri, e.artifactSha256,
                e.sizeBytes, e.format, e.image, e.accuracy, e.benchmarks.stream().filter(b -> !b.observed())
                        .map(VariantMapper::spec).toList(), e.flopsPerInference);
    }

    private static BenchmarkSpec spec(BenchmarkEntity b) {
        return new BenchmarkSpec(b.hardware.name, b.batchSize, b.p99LatencyMs, b.throughputRps,
                b.acceleratorsPerReplica, b.vcpusPerReplica, b.memoryGiBPerReplica, b.source, b.concurrency);
    }

    /**
     * Writes a normalized spec, keeping benchmark rows whose (hardware, batch size, concurrency) stays, to respect
     * the key. A kept row keeps its provenance only while its figures are unchanged: a figure typed over an
     * imported one is no longer the file's.
     */
    public static void apply(VariantSpec spec, VariantEntity e, Map<String, HardwareProfileEntity> hardware) {
        e.version = spec.version();
        e.precision = spec.precision();
        e.compression = new ArrayList<>(spec.compression());
        e.compressionKey = VariantRules.compressionKey(spec.compression());
        e.artifactUri = spec.artifactUri();
        e.artifactSha256 = spec.artifactSha256();
        e.sizeBytes = spec.sizeBytes();
        e.format = spec.format();
        e.image = spec.image();
        e.accuracy = spec.accuracy();
        e.flopsPerInference = spec.flopsPerInference();
        Map<String, BenchmarkEntity> existing = new HashMap<>();
        e.benchmarks.stream().filter(b -> !b.observed()).forEach(b -> existing.put(key(b.hardware.name, b.batchSize,
                b.concurrency), b));
        List<BenchmarkEntity> next = new ArrayList<>();
        for (BenchmarkSpec row : spec.benchmarks()) {
            BenchmarkEntity b = existing.remove(key(row.hardware(), row.batchSize(), row.concurrency()));
            if (b == null) {
                b = new BenchmarkEntity();
                b.variant = e;
                b.hardware = hardware.get(row.hardware());
            } else if (!spec(b).equals(row)) {
                b.provenance = null;
            }
            write(row, b);
            next.add(b);
        }
        e.benchmarks.removeIf(b -> existing.containsValue(b));
        for (int i = 0; i < next.size(); i++) {
            next.get(i).position = i;
            if (!e.benchmarks.contains(next.get(i))) {
                e.benchmarks.add(next.get(i));
            }
        }
        e.updatedAt = Clock.now();
    }

    /**
     * What an import (POST /import, the profiles loaded on start) should make of a variant that exists: its
     * declared rows, except that a row ModelFleet wrote (an imported file's, a profiling run's, a roofline
     * estimate's: it has provenance) is evidence the catalog file does not know about. It stays, under its key,
     * in place of the file's row for that key, and after the file's rows when the file has none. Without this,
     * every restart would put the demo catalog's typed-in estimates back over measurements (design 007, B2, B4).
     */
    public static VariantSpec keepingEvidence(VariantSpec declared, VariantEntity existing) {
        Map<String, BenchmarkEntity> evidence = new java.util.LinkedHashMap<>();
        existing.benchmarks.stream().filter(b -> !b.observed() && b.provenance != null)
                .sorted(Comparator.comparingInt(b -> b.position))
                .forEach(b -> evidence.put(key(b.hardware.name, b.batchSize, b.concurrency), b));
        if (evidence.isEmpty()) {
            return declared;
        }
        List<BenchmarkSpec> rows = new ArrayList<>();
        for (BenchmarkSpec row : declared.benchmarks()) {
            BenchmarkEntity kept = evidence.remove(key(row.hardware(), row.batchSize(), row.concurrency()));
            rows.add(kept == null ? row : spec(kept));
        }
        evidence.values().forEach(b -> rows.add(spec(b)));
        return new VariantSpec(declared.version(), declared.precision(), declared.compression(),
                declared.artifactUri(), declared.artifactSha256(), declared.sizeBytes(), declared.format(),
                declared.image(), declared.accuracy(), List.copyOf(rows), declared.flopsPerInference());
    }

    /** Appends rows after the existing ones. */
    public static void append(List<BenchmarkSpec> rows, VariantEntity e, Map<String, HardwareProfileEntity> hardware) {
        int position = e.benchmarks.size();
        for (BenchmarkSpec row : rows) {
            BenchmarkEntity b = new BenchmarkEntity();
            b.variant = e;
            b.hardware = hardware.get(row.hardware());
            write(row, b);
            b.position = position++;
            e.benchmarks.add(b);
        }
        e.updatedAt = Clock.now();
    }

    private static void write(BenchmarkSpec row, BenchmarkEntity b) {
        b.batchSize = row.batchSize();
        b.p99LatencyMs = row.p99LatencyMs();
        b.throughputRps = row.throughputRps();
        b.acceleratorsPerReplica = row.acceleratorsPerReplica();
        b.vcpusPerReplica = row.vcpusPerReplica();
        b.memoryGiBPerReplica = row.memoryGiBPerReplica();
        b.source = row.source();
        b.concurrency = row.concurrency();
    }

    /** A declared row's key within its variant: hardware, batch size, concurrency. */
    static String key(String hardware, int batchSize, int concurrency) {
        return hardware + "@" + batchSize + "x" + concurrency;
    }
}
