package io.modelfleet.analysis.domain;

/**
 * One check of a measurement with the exact query it sends. Names as {@link Measurement#check()} stores them.
 *
 * @param whenAbsent null for the generic "no series" detail; otherwise what no series means for this check (the
 *            workload exports no request outcomes), shown in its detail
 * @param optional whether no series is NOT_APPLICABLE (the deployment's {@code analysis.errorRatio} OPTIONAL) rather
 *            than INCONCLUSIVE
 */
public record Check(String name, String query, String whenAbsent, boolean optional) {

    public Check(String name, String query) {
        this(name, query, null, false);
    }

    public static final String P99 = "p99";
    public static final String ERROR_RATIO = "errorRatio";
    public static final String REQUESTS = "requests";
    public static final String AVAILABILITY = "availability";
}
