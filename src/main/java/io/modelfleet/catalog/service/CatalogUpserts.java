package io.modelfleet.catalog.service;

import io.modelfleet.api.FieldError;
import io.modelfleet.api.ProblemException;
import io.modelfleet.catalog.dto.CatalogImport;
import io.modelfleet.catalog.dto.HardwareProfileSpec;
import io.modelfleet.catalog.dto.ModelSpec;
import io.modelfleet.catalog.dto.VariantSpec;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The upsert steps of an import, in dependency order: hardware first (variants' benchmarks refer to it), then
 * each model and its variants. Must run inside the caller's transaction; it is strictly sequential because a
 * reactive session runs one statement at a time.
 */
@ApplicationScoped
public class CatalogUpserts {

    private final HardwareProfileService hardware;
    private final HardwareProfileRepository hardwareRepository;
    private final ModelService models;
    private final VariantService variants;

    public CatalogUpserts(HardwareProfileService hardware, HardwareProfileRepository hardwareRepository,
            ModelService models, VariantService variants) {
        this.hardware = hardware;
        this.hardwareRepository = hardwareRepository;
        this.models = models;
        this.variants = variants;
    }

    public Uni<CatalogImport.Result> apply(List<HardwareProfileSpec> profiles, List<ModelSpec> modelSpecs,
            List<CatalogImport.ModelDocument> documents) {
        Counter hw = new Counter();
        Counter md = new Counter();
        Counter vr = new Counter();
        return Multi.createFrom().iterable(profiles)
                .onItem().transformToUniAndConcatenate(spec -> hardware.upsert(spec, null, true).invoke(hw::count))
                .collect().last()
                .chain(ignored -> hardwareRepository.flush())
                .chain(ignored -> Multi.createFrom().range(0, modelSpecs.size())
                        .onItem().transformToUniAndConcatenate(i -> models.upsert(modelSpecs.get(i), null)
                                .invoke(md::count)
                                .chain(model -> variantsOf(documents.get(i)).isEmpty() ? Uni.createFrom().voidItem()
                                        : Multi.createFrom().items(IntStream.range(0,
                                                variantsOf(documents.get(i)).size()).boxed())
                                                .onItem().transformToUniAndConcatenate(j -> variants
                                                        .upsert(model.entity(), variantsOf(documents.get(i)).get(j))
                                                        .invoke(vr::count)
                                                        .onFailure(ProblemException.class).transform(e ->
                                                                ProblemException.invalid(prefixed("models[" + i
                                                                        + "].variants[" + j + "].",
                                                                        (ProblemException) e))))
                                                .collect().last().replaceWithVoid()))
                        .collect().last())
                .map(ignored -> new CatalogImport.Result(hw.result(), md.result(), vr.result()));
    }

    private static List<VariantSpec> variantsOf(CatalogImport.ModelDocument document) {
        return document.variants() == null ? List.of() : document.variants();
    }

    /** The field errors of a problem, with a prefix that places them in the import document. */
    public static List<FieldError> prefixed(String prefix, ProblemException e) {
        if (e.problem().errors() == null || e.problem().errors().isEmpty()) {
            return List.of(new FieldError(prefix.substring(0, prefix.length() - 1), e.problem().detail()));
        }
        return e.problem().errors().stream().map(err -> new FieldError(prefix + err.field(), err.message()))
                .toList();
    }

    private static final class Counter {
        private int created;
        private int updated;
        private int unchanged;

        void count(Upserted<?> result) {
            switch (result.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }

        CatalogImport.Counts result() {
            return new CatalogImport.Counts(created, updated, unchanged);
        }
    }
}
