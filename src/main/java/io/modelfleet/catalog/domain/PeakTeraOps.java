package io.modelfleet.catalog.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one ordering of a per-precision peak map (the enum's: FP32, BF16, FP16, INT8), so that the Hibernate view,
 * the plain-SQL view and the planner's snapshot hold equal, equally ordered, unmodifiable maps.
 */
public final class PeakTeraOps {

    private PeakTeraOps() {
    }

    /** An unmodifiable copy in precision order; null or empty gives an empty map. */
    public static Map<Precision, Double> ordered(Map<Precision, ? extends Number> peaks) {
        EnumMap<Precision, Double> out = new EnumMap<>(Precision.class);
        if (peaks != null) {
            peaks.forEach((precision, value) -> out.put(precision, value == null ? null : value.doubleValue()));
        }
        return Collections.unmodifiableMap(out);
    }
}
