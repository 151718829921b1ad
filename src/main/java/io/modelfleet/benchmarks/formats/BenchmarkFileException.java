package io.modelfleet.benchmarks.formats;

/**
 * A benchmark file that cannot be imported, saying where and why (design 007, B1).
 *
 * <p>{@link #line()} is the 1-based line of the file, except for problems inside one record of a JSON document,
 * where it is the 1-based record index (the message then says "record", see {@link #inRecord()}). Tabular formats
 * also give the 1-based {@link #column()} and its header name; key-value and JSON formats give the key or field in
 * {@link #columnName()} and no column number.
 *
 * <p>{@link #refused()} tells a file that is well formed but whose figures must not be imported (an INVALID or
 * AccuracyOnly MLPerf run, a SageMaker job that did not complete) from a malformed one: the first is a 422, the
 * second a 400.
 */
public class BenchmarkFileException extends RuntimeException {

    private final int line;
    private final Integer column;
    private final String columnName;
    private final boolean inRecord;
    private final boolean refused;
    private final String reason;

    BenchmarkFileException(Location where, String reason, boolean refused) {
        super(where.describe() + ": " + reason);
        this.line = where.index();
        this.column = where.column();
        this.columnName = where.name();
        this.inRecord = where.record();
        this.refused = refused;
        this.reason = reason;
    }

    /** The 1-based line, or record index when {@link #inRecord()}. */
    public int line() {
        return line;
    }

    /** The 1-based column of a tabular file, or null. */
    public Integer column() {
        return column;
    }

    /** The column's header name, the summary key or the JSON field, or null when the whole line is at fault. */
    public String columnName() {
        return columnName;
    }

    /** True when {@link #line()} counts records of a JSON document rather than text lines. */
    public boolean inRecord() {
        return inRecord;
    }

    /** True for a well-formed file whose figures are not importable (422), false for a malformed one (400). */
    public boolean refused() {
        return refused;
    }

    /** Why, without the location: e.g. "'abc' is not a number". */
    public String reason() {
        return reason;
    }

    /** The location alone, as the message starts: e.g. "line 3, column 5 (p99 latency)". */
    public String where() {
        return getMessage().substring(0, getMessage().length() - reason.length() - 2);
    }
}
