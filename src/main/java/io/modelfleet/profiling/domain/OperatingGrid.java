package io.modelfleet.profiling.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The operating points a run measures: every batch size at every concurrency, in the order the load generator
 * visits them (batch sizes outer, concurrencies inner).
 */
public record OperatingGrid(List<Integer> batchSizes, List<Integer> concurrencies) {

    /** One operating point. */
    public record Point(int batchSize, int concurrency) {

        @Override
        public String toString() {
            return "batch " + batchSize + ", concurrency " + concurrency;
        }
    }

    public OperatingGrid {
        batchSizes = List.copyOf(batchSizes);
        concurrencies = List.copyOf(concurrencies);
    }

    public List<Point> points() {
        List<Point> out = new ArrayList<>();
        for (int b : batchSizes) {
            for (int c : concurrencies) {
                out.add(new Point(b, c));
            }
        }
        return out;
    }

    /** The seconds of measuring alone: every point runs for the duration. */
    public long measuringSeconds(int durationSeconds) {
        return (long) batchSizes.size() * concurrencies.size() * durationSeconds;
    }

    /** "1,8": the form the load generator's --batch-sizes and --concurrency take. */
    public static String commaList(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
