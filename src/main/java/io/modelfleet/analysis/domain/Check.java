package io.modelfleet.analysis.domain;

/** One check of a measurement with the exact query it sends. Names as {@link Measurement#check()} stores them. */
public record Check(String name, String query) {

    public static final String P99 = "p99";
    public static final String ERROR_RATIO = "errorRatio";
    public static final String REQUESTS = "requests";
    public static final String AVAILABILITY = "availability";
}
