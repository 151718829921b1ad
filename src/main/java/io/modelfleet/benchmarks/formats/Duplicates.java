package io.modelfleet.benchmarks.formats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row per operating point (design 007, B3): a file that measures the same batch size, concurrency (or request
 * rate) and hardware twice gives two answers for one benchmark key, and picking either silently would hide it.
 */
final class Duplicates {

    private record Key(Integer batchSize, Integer concurrency, Double requestRate, String hardware) {
    }

    private Duplicates() {
    }

    /**
     * @param inRecords true when points are JSON records, so the error counts records
     * @param hint      what the user can do about it, the format's own advice; may be empty
     */
    static void requireUnique(List<OperatingPoint> points, boolean inRecords, String hint) {
        Map<Key, OperatingPoint> seen = new HashMap<>();
        for (OperatingPoint point : points) {
            Key key = new Key(point.batchSize(), point.concurrency(), point.requestRate(), point.hardware());
            OperatingPoint first = seen.putIfAbsent(key, point);
            if (first != null) {
                Location where = inRecords ? Location.record(point.line(), null) : Location.line(point.line());
                throw where.error(point.origin() + " repeats the operating point of " + first.origin()
                        + ": the same " + describe(key) + " may appear once in a file" + (hint.isEmpty() ? "" : "; "
                        + hint));
            }
        }
    }

    private static String describe(Key key) {
        StringBuilder text = new StringBuilder("batch size (").append(Objects.toString(key.batchSize(), "not given"))
                .append("), ");
        if (key.requestRate() != null) {
            text.append("request rate (").append(Numbers.show(key.requestRate())).append(')');
        } else {
            text.append("concurrency (").append(Objects.toString(key.concurrency(), "not given")).append(')');
        }
        return text.append(" and hardware (").append(Objects.toString(key.hardware(), "not given")).append(')')
                .toString();
    }
}
