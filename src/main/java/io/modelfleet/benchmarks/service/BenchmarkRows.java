package io.modelfleet.benchmarks.service;

import io.modelfleet.api.FieldError;
import io.modelfleet.api.Problem;
import io.modelfleet.api.ProblemException;
import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.dto.BenchmarkSpec;
import io.modelfleet.catalog.dto.VariantView;
import io.modelfleet.catalog.entity.BenchmarkEntity;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.modelfleet.catalog.repository.VariantRepository;
import io.modelfleet.catalog.service.VariantMapper;
import io.modelfleet.catalog.service.VariantRules;
import io.modelfleet.common.Clock;
import io.modelfleet.placement.PlacementTriggers;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes measured operating points of one variant on one hardware profile, in one transaction (design 007, B1/B2):
 * the rows are validated as {@code POST .../benchmarks} validates them, a row with the same key (hardware, batch
 * size, concurrency) is replaced because a new measurement supersedes the old one, and a write that would change
 * nothing writes nothing. Imports and profiling runs both land here. OBSERVED rows are never touched.
 */
@ApplicationScoped
public class BenchmarkRows {

    /** What one replica was given while measuring; nulls take the catalog's defaults. */
    public record PerReplica(Integer accelerators, Double vcpus, Double memoryGiB) {
    }

    /** One operating point and where it comes from; {@code label} names it in errors ("line 4"). */
    public record OperatingRow(int batchSize, int concurrency, double p99LatencyMs, double throughputRps,
            Map<String, Object> provenance, String label) {
    }

    /**
     * The rows as stored, in the order given, and how many were new or replaced; {@code kept} are the measured
     * rows an estimate did not replace (empty unless estimates were written).
     */
    public record RowsWritten(List<VariantView.Benchmark> rows, int created, int replaced, boolean unchanged,
            List<VariantView.Benchmark> kept) {

        public RowsWritten(List<VariantView.Benchmark> rows, int created, int replaced, boolean unchanged) {
            this(rows, created, replaced, unchanged, List.of());
        }
    }

    /** Provenance keys that say when, not what: two writes that differ only in these are the same write. */
    private static final List<String> WHEN_KEYS = List.of("importedAt", "importedBy", "estimatedAt", "estimatedBy");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern ROW_FIELD = Pattern.compile("benchmarks\\[(\\d+)\\](.*)");

    private final VariantRepository variants;
    private final HardwareProfileRepository hardware;
    private final PlacementTriggers triggers;

    public BenchmarkRows(VariantRepository variants, HardwareProfileRepository hardware, PlacementTriggers triggers) {
        this.variants = variants;
        this.hardware = hardware;
        this.triggers = triggers;
    }

    /** {@link #write(String, UUID, PerReplica, BenchmarkSource, Map)} for one hardware profile. */
    @WithTransaction
    public Uni<RowsWritten> write(String model, UUID variantId, String hardwareName, PerReplica perReplica,
            BenchmarkSource source, List<OperatingRow> rows) {
        return write(model, variantId, perReplica, source, Map.of(hardwareName, rows));
    }

    /**
     * Writes the rows of every named hardware profile in one transaction: all of them, or (on any problem) none.
     * The answer lists the rows in hardware-name order, each profile's in the order given.
     */
    @WithTransaction
    public Uni<RowsWritten> write(String model, UUID variantId, PerReplica perReplica, BenchmarkSource source,
            Map<String, List<OperatingRow>> rowsByHardware) {
        return write(model, variantId, perReplica, source, rowsByHardware, false);
    }

    /**
     * ESTIMATED rows: like {@link #write(String, UUID, PerReplica, BenchmarkSource, Map)}, except that a key that
     * holds a measured (MEASURED or IMPORTED) row keeps it: an estimate never overrides a measurement. Checked in
     * the same transaction as the write, so a measurement landing meanwhile is not lost.
     */
    @WithTransaction
    public Uni<RowsWritten> writeEstimates(String model, UUID variantId, PerReplica perReplica,
            Map<String, List<OperatingRow>> rowsByHardware) {
        return write(model, variantId, perReplica, BenchmarkSource.ESTIMATED, rowsByHardware, true);
    }

    private Uni<RowsWritten> write(String model, UUID variantId, PerReplica perReplica, BenchmarkSource source,
            Map<String, List<OperatingRow>> rowsByHardware, boolean keepMeasured) {
        List<String> names = rowsByHardware.keySet().stream().sorted().toList();
        return variants.findInModel(model, variantId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no variant " + variantId + " of model '" + model + "'"))
                .chain(variant -> hardware.findByNames(names).chain(found -> {
                    Map<String, HardwareProfileEntity> profiles = new HashMap<>();
                    found.forEach(p -> profiles.put(p.name, p));
                    for (String name : names) {
                        if (!profiles.containsKey(name)) {
                            List<OperatingRow> rows = rowsByHardware.get(name);
                            String at = rows.isEmpty() || rows.get(0).label() == null ? "hardware" : rows.get(0).label();
                            throw ProblemException.invalid(at, "no hardware profile named '" + name
                                    + "'; register it with PUT /api/v1/hardware-profiles/" + name + " first");
                        }
                    }
                    Tally tally = new Tally();
                    List<BenchmarkEntity> written = new ArrayList<>();
                    for (String name : names) {
                        written.addAll(apply(variant, profiles.get(name), perReplica, source, rowsByHardware.get(name),
                                tally, keepMeasured));
                    }
                    long declared = variant.benchmarks.stream().filter(b -> !b.observed()).count();
                    if (declared > VariantRules.MAX_BENCHMARKS) {
                        // Checked on the variant, not per write: a PUT of the variant's own GET body must stay valid.
                        throw ProblemException.invalid("benchmarks", "variant " + variantId + " would have " + declared
                                + " declared rows; a variant has at most " + VariantRules.MAX_BENCHMARKS);
                    }
                    if (tally.created + tally.replaced == 0) {
                        return Uni.createFrom().item(new RowsWritten(views(written), 0, 0, true, views(tally.kept)));
                    }
                    variant.updatedAt = Clock.now();
                    return variants.flush()
                            .call(() -> triggers.fireInTransaction(tally.created + " benchmark rows added and "
                                    + tally.replaced + " replaced on variant " + variant.id + " of model '" + model
                                    + "' (" + String.join(", ", names) + ")"))
                            .map(ignored -> new RowsWritten(views(written), tally.created, tally.replaced, false,
                                    views(tally.kept)));
                }));
    }

    private static final class Tally {
        int created;
        int replaced;
        final List<BenchmarkEntity> kept = new ArrayList<>();
    }

    private static List<VariantView.Benchmark> views(List<BenchmarkEntity> rows) {
        return rows.stream().map(VariantMapper::benchmarkView).toList();
    }

    private static List<BenchmarkEntity> apply(VariantEntity variant, HardwareProfileEntity profile,
            PerReplica perReplica, BenchmarkSource source, List<OperatingRow> rows, Tally tally, boolean keepMeasured) {
        List<BenchmarkSpec> normalized = normalize(variant, profile, perReplica, source, rows);
        Map<String, BenchmarkEntity> declared = new HashMap<>();
        variant.benchmarks.stream().filter(b -> !b.observed() && b.hardware.id.equals(profile.id))
                .forEach(b -> declared.put(b.batchSize + "x" + b.concurrency, b));
        int position = variant.benchmarks.stream().mapToInt(b -> b.position + 1).max().orElse(0);
        List<BenchmarkEntity> written = new ArrayList<>();
        for (int i = 0; i < normalized.size(); i++) {
            BenchmarkSpec spec = normalized.get(i);
            Map<String, Object> provenance = rows.get(i).provenance();
            BenchmarkEntity row = declared.get(spec.batchSize() + "x" + spec.concurrency());
            if (row != null && keepMeasured && row.source != BenchmarkSource.ESTIMATED) {
                tally.kept.add(row);
                continue;
            }
            if (row == null) {
                row = new BenchmarkEntity();
                row.variant = variant;
                row.hardware = profile;
                row.position = position++;
                variant.benchmarks.add(row);
                tally.created++;
            } else if (same(row, spec, provenance)) {
                written.add(row);
                continue;
            } else {
                tally.replaced++;
            }
            write(spec, provenance, row);
            written.add(row);
        }
        return written;
    }

    /** The catalog's rules for a benchmark row; an error names the row by its label, not by a body index. */
    private static List<BenchmarkSpec> normalize(VariantEntity variant, HardwareProfileEntity profile,
            PerReplica perReplica, BenchmarkSource source, List<OperatingRow> rows) {
        List<BenchmarkSpec> specs = rows.stream().map(r -> new BenchmarkSpec(profile.name, r.batchSize(),
                r.p99LatencyMs(), r.throughputRps(), perReplica.accelerators(), perReplica.vcpus(),
                perReplica.memoryGiB(), source, r.concurrency())).toList();
        try {
            return VariantRules.normalizeBenchmarks(variant.precision, specs, Map.of(profile.name,
                    new VariantRules.HardwareFacts(profile.accelerator.accelerated(), List.copyOf(profile.precisions))));
        } catch (ProblemException e) {
            throw relabel(e, rows);
        }
    }

    private static ProblemException relabel(ProblemException e, List<OperatingRow> rows) {
        Problem p = e.problem();
        if (p.errors() == null) {
            return e;
        }
        List<FieldError> errors = p.errors().stream().map(error -> {
            Matcher m = ROW_FIELD.matcher(error.field());
            if (!m.matches()) {
                return error;
            }
            String rest = m.group(2);
            String field = rest.startsWith(".hardware") ? "hardware"
                    : rest.startsWith(".accelerators") ? "acceleratorsPerReplica"
                    : rest.startsWith(".vcpus") ? "vcpusPerReplica"
                    : rest.startsWith(".memory") ? "memoryGiBPerReplica"
                    : rows.get(Integer.parseInt(m.group(1))).label() + rest;
            return new FieldError(field, error.message());
        }).distinct().toList();
        return ProblemException.invalid(errors);
    }

    private static boolean same(BenchmarkEntity row, BenchmarkSpec spec, Map<String, Object> provenance) {
        return row.p99LatencyMs == spec.p99LatencyMs() && row.throughputRps == spec.throughputRps()
                && row.acceleratorsPerReplica == spec.acceleratorsPerReplica()
                && row.vcpusPerReplica == spec.vcpusPerReplica() && row.memoryGiBPerReplica == spec.memoryGiBPerReplica()
                && row.source == spec.source() && sameProvenance(row.provenance, provenance);
    }

    /** The provenance without its timestamps, as a JSON tree. */
    private static com.fasterxml.jackson.databind.JsonNode what(Map<String, Object> provenance) {
        if (provenance == null) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.valueToTree(provenance);
        WHEN_KEYS.forEach(out::remove);
        return out;
    }

    /**
     * Equal provenance, numbers by value: JSONB hands 8.18e9 back as 8180000000, 0.25 as a BigDecimal, and the
     * same figures must not read as a new measurement.
     */
    private static boolean sameProvenance(Map<String, Object> stored, Map<String, Object> given) {
        com.fasterxml.jackson.databind.JsonNode a = what(stored);
        com.fasterxml.jackson.databind.JsonNode b = what(given);
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? Double.compare(x.asDouble(), y.asDouble()) : x.equals(y) ? 0 : 1, b);
    }

    private static void write(BenchmarkSpec spec, Map<String, Object> provenance, BenchmarkEntity row) {
        row.batchSize = spec.batchSize();
        row.concurrency = spec.concurrency();
        row.p99LatencyMs = spec.p99LatencyMs();
        row.throughputRps = spec.throughputRps();
        row.acceleratorsPerReplica = spec.acceleratorsPerReplica();
        row.vcpusPerReplica = spec.vcpusPerReplica();
        row.memoryGiBPerReplica = spec.memoryGiBPerReplica();
        row.source = spec.source();
        row.provenance = provenance == null ? null : new HashMap<>(provenance);
    }

}
