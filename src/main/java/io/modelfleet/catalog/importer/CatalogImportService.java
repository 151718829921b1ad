package io.modelfleet.catalog.importer;

import io.modelfleet.api.FieldError;
import io.modelfleet.api.ProblemException;
import io.modelfleet.catalog.dto.CatalogImport;
import io.modelfleet.catalog.dto.HardwareProfileSpec;
import io.modelfleet.catalog.dto.ModelSpec;
import io.modelfleet.catalog.service.CatalogUpserts;
import io.modelfleet.catalog.service.HardwareProfileRules;
import io.modelfleet.catalog.service.ModelRules;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a batch of catalog documents as one transaction: all of it is applied, or none. Documents that already
 * match what is stored are left untouched (their revision does not move), so loading the same files twice
 * changes nothing.
 */
@ApplicationScoped
public class CatalogImportService {

    private final CatalogUpserts upserts;

    public CatalogImportService(CatalogUpserts upserts) {
        this.upserts = upserts;
    }

    @WithTransaction
    public Uni<CatalogImport.Result> load(CatalogImport batch) {
        List<HardwareProfileSpec> hardware = new ArrayList<>();
        List<ModelSpec> models = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        List<HardwareProfileSpec> rawHardware = orEmpty(batch == null ? null : batch.hardwareProfiles());
        for (int i = 0; i < rawHardware.size(); i++) {
            HardwareProfileSpec raw = rawHardware.get(i);
            String name = raw == null ? null : raw.name();
            collect(errors, "hardwareProfiles[" + i + "].", () -> hardware.add(HardwareProfileRules.normalize(name, raw)));
        }
        List<CatalogImport.ModelDocument> documents = orEmpty(batch == null ? null : batch.models());
        for (int i = 0; i < documents.size(); i++) {
            CatalogImport.ModelDocument doc = documents.get(i);
            collect(errors, "models[" + i + "].", () -> models.add(ModelRules.normalize(doc == null ? null
                    : doc.name(), doc == null ? null : doc.model())));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return upserts.apply(hardware, models, documents);
    }

    private static void collect(List<FieldError> errors, String prefix, Runnable check) {
        try {
            check.run();
        } catch (ProblemException e) {
            errors.addAll(CatalogUpserts.prefixed(prefix, e));
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
