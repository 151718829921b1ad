package io.modelfleet.catalog.repository;

import io.modelfleet.catalog.domain.PeakTeraOps;
import io.modelfleet.catalog.domain.Precision;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code peak_tera_ops} JSONB column for the plain-SQL paths, as the entity's JSON mapping stores it: an object
 * from precision name to a number. JSONB hands numbers back as Integer or Double depending on how they were
 * written, so every value is read as a double.
 */
final class PeakColumns {

    private PeakColumns() {
    }

    static JsonObject json(Map<Precision, Double> peaks) {
        JsonObject out = new JsonObject();
        PeakTeraOps.ordered(peaks).forEach((precision, value) -> out.put(precision.name(), value));
        return out;
    }

    static Map<Precision, Double> read(Object jsonb) {
        Map<Precision, Double> out = new EnumMap<>(Precision.class);
        if (jsonb != null) {
            ((JsonObject) jsonb).forEach(e -> out.put(Precision.valueOf(e.getKey()), ((Number) e.getValue())
                    .doubleValue()));
        }
        return PeakTeraOps.ordered(out);
    }
}
