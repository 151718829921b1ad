package io.modelfleet.dashboard.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shares as the pages print them: percent with one decimal, rounded half up, computed on exact integers. */
final class Percent {

    private Percent() {
    }

    static double of(long used, long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        return BigDecimal.valueOf(used).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(capacity), 1, RoundingMode.HALF_UP).doubleValue();
    }
}
