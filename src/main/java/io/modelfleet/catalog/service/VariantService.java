package io.modelfleet.catalog.service;

import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Revisions;
import io.modelfleet.catalog.dto.BenchmarkSpec;
import io.modelfleet.catalog.dto.VariantSpec;
import io.modelfleet.catalog.dto.VariantView;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.ModelEntity;
import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.catalog.repository.CatalogReads;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.modelfleet.catalog.repository.VariantInserts;
import io.modelfleet.catalog.repository.VariantRepository;
import io.modelfleet.common.Clock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Variants of a model with their benchmark rows. */
@ApplicationScoped
public class VariantService {

    private final VariantRepository variants;
    private final HardwareProfileRepository hardware;
    private final ModelService models;
    private final CatalogReads reads;
    private final VariantInserts inserts;
    private final io.modelfleet.placement.PlacementTriggers triggers;

    public VariantService(VariantRepository variants, HardwareProfileRepository hardware, ModelService models,
            CatalogReads reads, VariantInserts inserts, io.modelfleet.placement.PlacementTriggers triggers) {
        this.triggers = triggers;
        this.variants = variants;
        this.hardware = hardware;
        this.models = models;
        this.reads = reads;
        this.inserts = inserts;
    }

    /**
     * Plain SQL in one transaction (the catalog's hottest write); validation is VariantRules' against the hardware
     * read in that transaction. The answer is built from the normalized body, as the entity mapper would build it.
     */
    public Uni<VariantView> create(String model, VariantSpec raw) {
        OffsetDateTime now = Clock.now();
        return inserts.insert(model, hardwareNames(raw), found -> {
            VariantSpec spec = VariantRules.normalize(raw, found.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> new VariantRules.HardwareFacts(e.getValue().accelerated(),
                            e.getValue().precisions()))));
            return new VariantInserts.Normalized(spec, VariantRules.compressionKey(spec.compression()));
        }, now).onItem().ifNull().failWith(() -> ProblemException.notFound("no model named '" + model + "'"))
                .map(inserted -> {
                    if (!inserted.created()) {
                        throw ProblemException.conflict(inserted.existingId() == null
                                ? describe(model, inserted.spec()) + " was registered and removed by other requests"
                                        + " at the same time; retry"
                                : describe(model, inserted.spec()) + " already exists with id "
                                        + inserted.existingId() + "; replace it with PUT instead");
                    }
                    return VariantMapper.view(inserted.id(), model, inserted.spec(), now);
                }).call(view -> triggers.fire("variant " + view.id() + " of model '" + model + "' registered"));
    }

    /** Plain SQL (the hot read); the view equals what the mapper builds from the entity. */
    public Uni<VariantView> get(String model, UUID id) {
        return reads.variant(model, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no variant " + id + " of model '" + model + "'"));
    }

    @WithSession
    public Uni<Page<VariantView>> list(String model, PageRequest page) {
        return models.require(model).chain(owner -> variants.page(owner.id, page.page(), page.size())
                .chain(items -> variants.countInModel(owner.id).map(total -> new Page<>(
                        items.stream().map(VariantMapper::view).toList(), page.page(), page.size(), total))));
    }

    @WithTransaction
    public Uni<VariantView> replace(String model, UUID id, VariantSpec raw, String ifMatch) {
        return require(model, id).chain(existing -> {
            Revisions.check("variant " + id, ifMatch, existing.revision);
            return hardwareFor(raw).chain(profiles -> {
                VariantSpec spec = VariantRules.normalize(raw, facts(profiles));
                return findSame(existing.model, spec).chain(other -> {
                    if (other != null && !other.id.equals(existing.id)) {
                        throw ProblemException.conflict(describe(model, spec) + " already exists with id "
                                + other.id);
                    }
                    if (VariantMapper.spec(existing).equals(spec)) {
                        return Uni.createFrom().item(existing);
                    }
                    VariantMapper.apply(spec, existing, profiles);
                    return variants.flush().call(() -> triggers.fireInTransaction("variant " + id + " of model '"
                            + model + "' replaced")).map(ignored -> existing);
                });
            });
        }).map(VariantMapper::view);
    }

    @WithTransaction
    public Uni<Void> delete(String model, UUID id, String ifMatch) {
        return require(model, id).chain(existing -> {
            Revisions.check("variant " + id, ifMatch, existing.revision);
            return variants.delete(existing);
        });
    }

    @WithTransaction
    public Uni<VariantView> addBenchmarks(String model, UUID id, List<BenchmarkSpec> rows, String ifMatch) {
        return require(model, id).chain(existing -> {
            Revisions.check("variant " + id, ifMatch, existing.revision);
            List<String> names = rows == null ? List.of()
                    : rows.stream().filter(Objects::nonNull).map(BenchmarkSpec::hardware).filter(Objects::nonNull)
                            .distinct().toList();
            return hardware.findByNames(names).chain(found -> {
                Map<String, HardwareProfileEntity> profiles = byName(found);
                List<BenchmarkSpec> normalized = VariantRules.normalizeBenchmarks(existing.precision, rows,
                        facts(profiles));
                for (BenchmarkSpec row : normalized) {
                    boolean taken = existing.benchmarks.stream().anyMatch(b -> !b.observed()
                            && b.hardware.name.equals(row.hardware()) && b.batchSize == row.batchSize()
                            && b.concurrency == row.concurrency());
                    if (taken) {
                        throw ProblemException.conflict("variant " + id + " already has a benchmark on "
                                + row.hardware() + " at batch size " + row.batchSize() + " and concurrency "
                                + row.concurrency());
                    }
                }
                VariantMapper.append(normalized, existing, profiles);
                return variants.flush().call(() -> triggers.fireInTransaction("benchmarks added to variant " + id
                        + " of model '" + model + "'")).map(ignored -> existing);
            });
        }).map(VariantMapper::view);
    }

    /** Create-or-update by natural key, for imports; runs inside the caller's transaction. */
    Uni<Upserted<VariantEntity>> upsert(ModelEntity owner, VariantSpec raw) {
        return hardwareFor(raw).chain(profiles -> {
            VariantSpec declared = VariantRules.normalize(raw, facts(profiles));
            return findSame(owner, declared).chain(existing -> {
                if (existing == null) {
                    return persistNew(owner, declared, profiles).map(Upserted::created);
                }
                VariantSpec spec = VariantMapper.keepingEvidence(declared, existing);
                if (VariantMapper.spec(existing).equals(spec)) {
                    return Uni.createFrom().item(Upserted.unchanged(existing));
                }
                VariantMapper.apply(spec, existing, profiles);
                return variants.flush().map(ignored -> Upserted.updated(existing));
            });
        });
    }

    private Uni<VariantEntity> persistNew(ModelEntity owner, VariantSpec spec,
            Map<String, HardwareProfileEntity> profiles) {
        VariantEntity created = new VariantEntity();
        created.id = UUID.randomUUID();
        created.model = owner;
        created.createdAt = Clock.now();
        VariantMapper.apply(spec, created, profiles);
        return variants.persist(created);
    }

    private Uni<VariantEntity> findSame(ModelEntity owner, VariantSpec spec) {
        return variants.findByNaturalKey(owner.id, spec.version(), spec.precision(),
                VariantRules.compressionKey(spec.compression()), spec.format());
    }

    private Uni<Map<String, HardwareProfileEntity>> hardwareFor(VariantSpec raw) {
        return hardware.findByNames(hardwareNames(raw)).map(VariantService::byName);
    }

    private static List<String> hardwareNames(VariantSpec raw) {
        return raw == null || raw.benchmarks() == null ? List.of()
                : raw.benchmarks().stream().filter(Objects::nonNull).map(BenchmarkSpec::hardware)
                        .filter(Objects::nonNull).distinct().toList();
    }

    private Uni<VariantEntity> require(String model, UUID id) {
        return variants.findInModel(model, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no variant " + id + " of model '" + model + "'"));
    }

    private static Map<String, HardwareProfileEntity> byName(List<HardwareProfileEntity> profiles) {
        return profiles.stream().collect(Collectors.toMap(p -> p.name, Function.identity()));
    }

    private static Map<String, VariantRules.HardwareFacts> facts(Map<String, HardwareProfileEntity> profiles) {
        return profiles.values().stream().collect(Collectors.toMap(p -> p.name,
                p -> new VariantRules.HardwareFacts(p.accelerator.accelerated(), List.copyOf(p.precisions))));
    }

    private static String describe(String model, VariantSpec spec) {
        return "a variant of '" + model + "' " + spec.version() + " " + spec.precision() + " "
                + spec.compression() + " " + spec.format();
    }
}
