package io.modelfleet.benchmarks.formats;

/**
 * Where in a file a value came from: a line (with the column and its header for tables, or the key for summaries),
 * or a record of a JSON document with its field. Errors are made here so every one names its place the same way.
 */
record Location(boolean record, int index, Integer column, String name) {

    static Location line(int line) {
        return new Location(false, line, null, null);
    }

    /** A named thing on a line without a column number: an MLPerf summary key, a missing header column. */
    static Location named(int line, String name) {
        return new Location(false, line, null, name);
    }

    static Location cell(int line, int column, String header) {
        return new Location(false, line, column, header);
    }

    static Location record(int record, String field) {
        return new Location(true, record, null, field);
    }

    /** E.g. "line 3, column 5 (p99 latency)", "line 12 (Result is)", "record 2 (Metrics.ModelLatency)". */
    String describe() {
        StringBuilder text = new StringBuilder(record ? "record " : "line ").append(index);
        if (column != null) {
            text.append(", column ").append(column);
        }
        if (name != null && !name.isEmpty()) {
            text.append(" (").append(name).append(')');
        }
        return text.toString();
    }

    BenchmarkFileException error(String reason) {
        return new BenchmarkFileException(this, reason, false);
    }

    BenchmarkFileException refusal(String reason) {
        return new BenchmarkFileException(this, reason, true);
    }
}
