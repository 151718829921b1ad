package io.modelfleet.catalog.service;

import io.modelfleet.api.Names;
import io.modelfleet.api.Violations;
import io.modelfleet.catalog.dto.ModelSpec;

/** Checks a model spec; every field is required. */
public final class ModelRules {

    private ModelRules() {
    }

    public static ModelSpec normalize(String name, ModelSpec spec) {
        Violations v = new Violations();
        if (spec == null) {
            v.add("body", "is required").throwIfAny();
        }
        Names.check(v, "name", name);
        v.required("task", spec.task());
        v.maxLength("task", spec.task(), 128);
        v.required("accuracyMetric", spec.accuracyMetric());
        v.maxLength("accuracyMetric", spec.accuracyMetric(), 64);
        v.throwIfAny();
        return new ModelSpec(name, spec.task().trim(), spec.accuracyMetric().trim());
    }
}
