package io.modelfleet.analysis.domain;

/**
 * One check of a measurement with the exact query it sends. Names as {@link Measurement#check()} stores them.
 *
 * @param whenAbsent null when the check always applies (no series is then INCONCLUSIVE); otherwise why no series
 *            means the runtime does not export what it needs, shown beside its NOT_APPLICABLE verdict
 */
public record Check(String name, String query, String whenAbsent) {

    public Check(String name, String query) {
        this(name, query, null);
    }

    public static final String P99 = "p99";
    public static final String ERROR_RATIO = "errorRatio";
    public static final String REQUESTS = "requests";
    public static final String AVAILABILITY = "availability";
}
