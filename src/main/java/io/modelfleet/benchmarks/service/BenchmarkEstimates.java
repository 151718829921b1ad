package io.modelfleet.benchmarks.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.api.FieldError;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Violations;
import io.modelfleet.benchmarks.dto.EstimateRequest;
import io.modelfleet.benchmarks.dto.EstimateResult;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.modelfleet.catalog.repository.VariantRepository;
import io.modelfleet.common.Clock;
import io.modelfleet.planning.estimate.Estimate;
import io.modelfleet.planning.estimate.Roofline;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Resources;
import io.modelfleet.planning.snapshot.Variant;
import io.modelfleet.plans.SnapshotBuilder;
import io.modelfleet.planning.PlanningBounds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes roofline estimates as ESTIMATED rows (design 007, B4): from the hardware profile's peak for the variant's
 * precision and its memory bandwidth, and the variant's operations per inference and size. Every row carries its
 * derivation. An estimate never replaces a measured row, and a deployment plans with it only with
 * {@code allowEstimated}.
 */
@ApplicationScoped
public class BenchmarkEstimates {

    static final List<Integer> DEFAULT_BATCH_SIZES = List.of(1, 8, 32);
    private static final int MAX_BATCH_SIZES = 16;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final VariantRepository variants;
    private final HardwareProfileRepository hardware;
    private final BenchmarkRows rows;

    public BenchmarkEstimates(VariantRepository variants, HardwareProfileRepository hardware, BenchmarkRows rows) {
        this.variants = variants;
        this.hardware = hardware;
        this.rows = rows;
    }

    /** What was estimated, computed from one read of the catalog. */
    private record Planned(Map<String, List<BenchmarkRows.OperatingRow>> rows, List<EstimateResult.Skipped> skipped) {
    }

    public Uni<EstimateResult> estimate(String model, UUID variantId, EstimateRequest raw, String actor) {
        EstimateRequest request = validated(raw);
        return Panache.withSession(() -> read(model, variantId, request)).chain(planned -> {
            if (planned.rows().isEmpty()) {
                throw ProblemException.located("estimate-impossible", "Nothing to estimate", 422,
                        "no roofline estimate is possible for variant " + variantId + ": "
                                + String.join("; ", planned.skipped().stream().map(s -> s.hardware() + ": "
                                        + s.reason()).distinct().toList()),
                        planned.skipped().stream().map(s -> new FieldError("hardware." + s.hardware(), s.reason()))
                                .distinct().toList());
            }
            planned.rows().values().forEach(list -> list.forEach(r -> r.provenance().put("estimatedBy", actor)));
            return rows.writeEstimates(model, variantId, perReplica(request), planned.rows())
                    .map(written -> {
                        List<EstimateResult.Skipped> skipped = new ArrayList<>(planned.skipped());
                        written.kept().forEach(k -> skipped.add(new EstimateResult.Skipped(k.hardware(),
                                k.batchSize(), "a " + k.source() + " row holds this key; an estimate never"
                                        + " replaces a measurement")));
                        return new EstimateResult(model, variantId, written.created(), written.replaced(),
                                written.unchanged(), written.rows(), List.copyOf(skipped));
                    });
        });
    }

    private Uni<Planned> read(String model, UUID variantId, EstimateRequest request) {
        return variants.findInModel(model, variantId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no variant " + variantId + " of model '" + model + "'"))
                .chain(variant -> {
                    if (variant.flopsPerInference == null) {
                        throw ProblemException.located("estimate-impossible", "Nothing to estimate", 422,
                                "variant " + variantId + " has no flopsPerInference: a roofline estimate needs the"
                                        + " operations one inference takes; replace the variant with it set",
                                List.of(new FieldError("flopsPerInference", "is not set on the variant")));
                    }
                    Uni<List<HardwareProfileEntity>> profiles = request.hardware() == null
                            ? hardware.listWithOfferings() : hardware.findByNames(request.hardware());
                    return profiles.map(found -> plan(variant, found, request));
                });
    }

    private static Planned plan(VariantEntity entity, List<HardwareProfileEntity> found, EstimateRequest request) {
        Variant variant = SnapshotBuilder.variant(entity);
        List<EstimateResult.Skipped> skipped = new ArrayList<>();
        if (request.hardware() != null) {
            List<String> known = found.stream().map(p -> p.name).toList();
            request.hardware().stream().filter(n -> !known.contains(n)).forEach(n -> {
                throw ProblemException.invalid("hardware", "no hardware profile named '" + n + "'");
            });
        }
        Map<String, List<BenchmarkRows.OperatingRow>> out = new LinkedHashMap<>();
        for (HardwareProfileEntity profile : found.stream().sorted(Comparator.comparing(p -> p.name)).toList()) {
            Hardware hw = SnapshotBuilder.hardware(profile);
            if (!hw.precisions().contains(variant.precision())) {
                if (request.hardware() != null) {
                    skipped.add(new EstimateResult.Skipped(hw.name(), null, hw.name() + " does not run "
                            + variant.precision() + " natively"));
                }
                continue;
            }
            Resources perReplica = resources(request, hw);
            List<BenchmarkRows.OperatingRow> estimates = new ArrayList<>();
            for (int batch : request.batchSizes()) {
                Optional<Estimate> estimate = Roofline.estimate(hw, variant, batch, perReplica,
                        entity.flopsPerInference);
                if (estimate.isEmpty()) {
                    skipped.add(new EstimateResult.Skipped(hw.name(), batch, why(hw, variant)));
                    continue;
                }
                estimates.add(row(estimate.get()));
            }
            if (!estimates.isEmpty()) {
                out.put(hw.name(), estimates);
            }
        }
        return new Planned(out, skipped);
    }

    private static String why(Hardware hw, Variant variant) {
        if (hw.peakTeraOps(variant.precision()).isEmpty()) {
            return hw.name() + " has no peakTeraOps for " + variant.precision();
        }
        if (hw.memoryBandwidthGBps() == null) {
            return hw.name() + " has no memoryBandwidthGBps";
        }
        return "the replica's resources do not fit a " + hw.name() + " node, or it gets no accelerator there";
    }

    private static BenchmarkRows.OperatingRow row(Estimate e) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("tool", "roofline");
        provenance.put("estimatedAt", Clock.now().toString());
        provenance.put("derivation", JSON.convertValue(e.derivation(), MAP));
        provenance.put("text", e.derivation().text());
        return new BenchmarkRows.OperatingRow(e.batchSize(), 1, round(e.p99LatencyMs()), round(e.throughputRps()),
                provenance, "batch size " + e.batchSize());
    }

    /** Four significant figures: an estimate does not know more, and the stored figure should not pretend to. */
    private static double round(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).doubleValue();
    }

    private static Resources resources(EstimateRequest request, Hardware hw) {
        int accelerators = request.acceleratorsPerReplica() != null ? request.acceleratorsPerReplica()
                : hw.accelerated() ? 1 : 0;
        return Resources.of(accelerators, request.vcpusPerReplica() != null ? request.vcpusPerReplica() : 1.0,
                request.memoryGiBPerReplica() != null ? request.memoryGiBPerReplica() : 1.0);
    }

    private static BenchmarkRows.PerReplica perReplica(EstimateRequest request) {
        return new BenchmarkRows.PerReplica(request.acceleratorsPerReplica(), request.vcpusPerReplica(),
                request.memoryGiBPerReplica());
    }

    private static EstimateRequest validated(EstimateRequest raw) {
        EstimateRequest request = raw == null ? new EstimateRequest(null, null, null, null, null) : raw;
        Violations v = new Violations();
        List<Integer> batches = request.batchSizes() == null ? DEFAULT_BATCH_SIZES : request.batchSizes();
        if (v.maxSize("batchSizes", batches, MAX_BATCH_SIZES)) {
            if (batches.isEmpty()) {
                v.add("batchSizes", "must name at least one batch size");
            }
            for (int i = 0; i < batches.size(); i++) {
                v.positiveAtMost("batchSizes[" + i + "]", batches.get(i), 65_536);
            }
            if (batches.stream().distinct().count() != batches.size()) {
                v.add("batchSizes", "names a batch size twice");
            }
        }
        v.rangeIfPresent("acceleratorsPerReplica", request.acceleratorsPerReplica(), 0,
                PlanningBounds.MAX_ACCELERATORS_PER_NODE);
        v.rangeIfPresent("vcpusPerReplica", request.vcpusPerReplica(), PlanningBounds.MIN_VCPUS_PER_REPLICA,
                PlanningBounds.MAX_VCPUS_PER_NODE);
        v.rangeIfPresent("memoryGiBPerReplica", request.memoryGiBPerReplica(), PlanningBounds.MIN_MEMORY_GIB_PER_REPLICA,
                PlanningBounds.MAX_MEMORY_GIB_PER_NODE);
        if (request.hardware() != null) {
            if (v.maxSize("hardware", request.hardware(), 256)) {
                for (int i = 0; i < request.hardware().size(); i++) {
                    if (v.required("hardware[" + i + "]", request.hardware().get(i))) {
                        io.modelfleet.api.Names.check(v, "hardware[" + i + "]", request.hardware().get(i));
                    }
                }
            }
        }
        v.throwIfAny();
        return new EstimateRequest(request.hardware() == null ? null : List.copyOf(request.hardware()),
                List.copyOf(batches), request.acceleratorsPerReplica(), request.vcpusPerReplica(),
                request.memoryGiBPerReplica());
    }
}
