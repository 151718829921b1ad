package io.modelfleet.benchmarks.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency percentiles of one operating point, checked to rise with the percentile. A p99 below the p95 of the same
 * line cannot be measured; it means swapped columns or a hand-edited file, and importing it would put a wrong p99
 * in front of the planner.
 */
final class Percentiles {

    private record Figure(String label, double ms, Location where) {
    }

    private final List<Figure> figures = new ArrayList<>();

    /** Adds a figure; call in rising percentile order. A null value (the file does not have it) is skipped. */
    Percentiles add(String label, Double ms, Location where) {
        if (ms != null) {
            figures.add(new Figure(label, ms, where));
        }
        return this;
    }

    void requireRising() {
        for (int i = 1; i < figures.size(); i++) {
            Figure lower = figures.get(i - 1);
            Figure higher = figures.get(i);
            if (higher.ms() < lower.ms()) {
                throw higher.where().error(Numbers.show(higher.ms()) + " ms is below the " + lower.label() + " of "
                        + Numbers.show(lower.ms()) + " ms; a higher percentile cannot be faster");
            }
        }
    }
}
