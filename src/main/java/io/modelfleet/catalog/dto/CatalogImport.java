package io.modelfleet.catalog.dto;

import java.util.List;

/**
 * A batch of catalog documents loaded as one upsert: the body of {@code POST /api/v1/import} and what the
 * files under profiles/ add up to.
 */
public record CatalogImport(List<HardwareProfileSpec> hardwareProfiles, List<ModelDocument> models) {

    /** A model with its variants, the shape of profiles/models/*.yaml. */
    public record ModelDocument(String name, String task, String accuracyMetric, List<VariantSpec> variants) {

        public ModelSpec model() {
            return new ModelSpec(name, task, accuracyMetric);
        }
    }

    /** What an import did: how many documents were created, changed, or already as described. */
    public record Result(Counts hardwareProfiles, Counts models, Counts variants) {
    }

    public record Counts(int created, int updated, int unchanged) {
    }
}
