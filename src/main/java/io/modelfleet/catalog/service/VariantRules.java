package io.modelfleet.catalog.service;

import io.modelfleet.api.Names;
import io.modelfleet.api.Violations;
import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.dto.BenchmarkSpec;
import io.modelfleet.catalog.dto.VariantSpec;
import io.modelfleet.planning.PlanningBounds;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a variant and its benchmarks against the catalog's hardware and returns it normalized: compression
 * sorted, sha256 in lowercase, per-replica defaults filled in. Every problem is collected before one 400.
 */
public final class VariantRules {

    static final String VERSION_PATTERN = "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}";

    /** What the rules need to know of a referenced hardware profile. */
    public record HardwareFacts(boolean accelerated, List<Precision> precisions) {
    }

    public static final int MAX_BENCHMARKS = 256;
    static final long MAX_SIZE_BYTES = 1L << 50;
    static final double MAX_ACCURACY = 1_000_000;
    static final int MAX_BATCH_SIZE = 65_536;
    static final int MAX_CONCURRENCY = 65_536;
    /** 1e18: a thousand times a 175-billion-parameter model's forward pass; anything larger is a unit mistake. */
    static final double MAX_FLOPS_PER_INFERENCE = 1e18;

    private VariantRules() {
    }

    public static VariantSpec normalize(VariantSpec spec, Map<String, HardwareFacts> hardware) {
        Violations v = new Violations();
        if (spec == null) {
            v.add("body", "is required").throwIfAny();
        }
        if (v.required("version", spec.version())) {
            v.pattern("version", spec.version(), 64, VERSION_PATTERN,
                    "must be 1-64 letters, digits, '.', '_', '+' or '-', such as 1.0.0");
        }
        v.required("precision", spec.precision());
        List<io.modelfleet.catalog.domain.Compression> compression = spec.compression() == null ? List.of()
                : spec.compression();
        HardwareProfileRules.checkNoDuplicates(v, "compression", compression);
        checkArtifact(v, spec);
        if (v.required("format", spec.format())) {
            v.maxLength("format", spec.format(), 32);
        }
        if (v.required("image", spec.image())) {
            v.maxLength("image", spec.image(), 512);
        }
        v.rangeIfPresent("accuracy", spec.accuracy(), 0, MAX_ACCURACY);
        v.positiveAtMostIfPresent("flopsPerInference", spec.flopsPerInference(), MAX_FLOPS_PER_INFERENCE);
        List<BenchmarkSpec> rows = spec.benchmarks() == null ? List.of() : spec.benchmarks();
        List<BenchmarkSpec> benchmarks = v.maxSize("benchmarks", rows, MAX_BENCHMARKS)
                ? normalizeBenchmarks(v, "benchmarks", spec.precision(), rows, hardware) : List.of();
        v.throwIfAny();
        return new VariantSpec(spec.version(), spec.precision(), compression.stream().sorted().toList(),
                spec.artifactUri(), spec.artifactSha256().toLowerCase(Locale.ROOT), spec.sizeBytes(), spec.format(),
                spec.image(), spec.accuracy(), benchmarks, spec.flopsPerInference());
    }

    /** Checks rows added to an existing variant; field names are those of the request body. */
    public static List<BenchmarkSpec> normalizeBenchmarks(Precision precision, List<BenchmarkSpec> rows,
            Map<String, HardwareFacts> hardware) {
        Violations v = new Violations();
        if (rows == null || rows.isEmpty()) {
            v.add("benchmarks", "is required").throwIfAny();
        }
        if (!v.maxSize("benchmarks", rows, MAX_BENCHMARKS)) {
            v.throwIfAny();
        }
        List<BenchmarkSpec> normalized = normalizeBenchmarks(v, "benchmarks", precision, rows, hardware);
        v.throwIfAny();
        return normalized;
    }

    private static void checkArtifact(Violations v, VariantSpec spec) {
        if (v.required("artifactUri", spec.artifactUri())) {
            v.maxLength("artifactUri", spec.artifactUri(), 2048);
            try {
                URI uri = new URI(spec.artifactUri());
                if (uri.getScheme() == null || (uri.getHost() == null && uri.getPath() == null)) {
                    v.add("artifactUri", "must be an absolute URI such as s3://bucket/key");
                }
            } catch (URISyntaxException e) {
                v.add("artifactUri", "is not a valid URI: " + e.getReason());
            }
        }
        if (v.required("artifactSha256", spec.artifactSha256())) {
            v.matches("artifactSha256", spec.artifactSha256(), "[0-9a-fA-F]{64}",
                    "must be 64 hexadecimal characters (a SHA-256 digest), was " + spec.artifactSha256().length()
                            + " characters");
        }
        v.positiveAtMost("sizeBytes", spec.sizeBytes(), MAX_SIZE_BYTES);
    }

    private static List<BenchmarkSpec> normalizeBenchmarks(Violations v, String field, Precision precision,
            List<BenchmarkSpec> rows, Map<String, HardwareFacts> hardware) {
        List<BenchmarkSpec> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String at = field + "[" + i + "]";
            BenchmarkSpec row = rows.get(i);
            if (!v.required(at, row)) {
                continue;
            }
            HardwareFacts facts = null;
            if (v.required(at + ".hardware", row.hardware()) && checkedName(v, at + ".hardware", row.hardware())) {
                facts = hardware.get(row.hardware());
                if (facts == null) {
                    v.add(at + ".hardware", "no hardware profile named '" + row.hardware() + "'");
                } else if (precision != null && !facts.precisions().contains(precision)) {
                    v.add(at + ".hardware", HardwareProfileRules.notNative(row.hardware(), precision,
                            facts.precisions()));
                }
            }
            v.positiveAtMost(at + ".batchSize", row.batchSize(), MAX_BATCH_SIZE);
            v.positiveAtMostIfPresent(at + ".concurrency", row.concurrency(), MAX_CONCURRENCY);
            v.positiveAtMost(at + ".p99LatencyMs", row.p99LatencyMs(), PlanningBounds.MAX_LATENCY_MS);
            v.positiveAtMost(at + ".throughputRps", row.throughputRps(), PlanningBounds.MAX_RPS);
            v.rangeIfPresent(at + ".acceleratorsPerReplica", row.acceleratorsPerReplica(), 0,
                    PlanningBounds.MAX_ACCELERATORS_PER_NODE);
            v.rangeIfPresent(at + ".vcpusPerReplica", row.vcpusPerReplica(), PlanningBounds.MIN_VCPUS_PER_REPLICA,
                    PlanningBounds.MAX_VCPUS_PER_NODE);
            v.rangeIfPresent(at + ".memoryGiBPerReplica", row.memoryGiBPerReplica(),
                    PlanningBounds.MIN_MEMORY_GIB_PER_REPLICA, PlanningBounds.MAX_MEMORY_GIB_PER_NODE);
            if (facts != null && !facts.accelerated() && row.acceleratorsPerReplica() != null
                    && row.acceleratorsPerReplica() != 0) {
                v.add(at + ".acceleratorsPerReplica", "must be 0 on CPU-only hardware '" + row.hardware() + "'");
            }
            if (facts != null && facts.accelerated() && row.acceleratorsPerReplica() != null
                    && row.acceleratorsPerReplica() == 0) {
                v.add(at + ".acceleratorsPerReplica", "must be at least 1 on accelerated hardware '"
                        + row.hardware() + "'");
            }
            if (row.source() == BenchmarkSource.OBSERVED) {
                v.add(at + ".source", "OBSERVED rows are recorded by ModelFleet only, from a running placement's"
                        + " metrics; send MEASURED, IMPORTED or ESTIMATED");
            }
            int concurrency = row.concurrency() == null ? 1 : row.concurrency();
            if (!seen.add(row.hardware() + "@" + row.batchSize() + "x" + concurrency)) {
                v.add(at, "duplicates the row for " + row.hardware() + " at batch size " + row.batchSize()
                        + " and concurrency " + concurrency);
            }
            boolean accelerated = facts != null && facts.accelerated();
            out.add(new BenchmarkSpec(row.hardware(), row.batchSize(), row.p99LatencyMs(), row.throughputRps(),
                    row.acceleratorsPerReplica() != null ? row.acceleratorsPerReplica() : accelerated ? 1 : 0,
                    row.vcpusPerReplica() != null ? row.vcpusPerReplica() : 1.0,
                    row.memoryGiBPerReplica() != null ? row.memoryGiBPerReplica() : 1.0,
                    row.source() != null ? row.source() : BenchmarkSource.MEASURED, concurrency));
        }
        return out;
    }

    /** A hardware reference is a profile name; checking its form first keeps a 10 KB value out of messages. */
    private static boolean checkedName(Violations v, String field, String name) {
        if (name.length() <= 63 && name.matches(Names.PATTERN)) {
            return true;
        }
        Names.check(v, field, name);
        return false;
    }

    /** The unique-key form of a compression list. */
    public static String compressionKey(List<io.modelfleet.catalog.domain.Compression> compression) {
        return String.join(",", compression.stream().sorted().map(Enum::name).toList());
    }
}
