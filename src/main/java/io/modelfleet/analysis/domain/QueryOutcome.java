package io.modelfleet.analysis.domain;

/** What one instant query returned, as the evaluation needs it. */
public sealed interface QueryOutcome {

    /** One value (possibly NaN or infinite: Prometheus answers 0/0 with NaN). */
    record Value(double value) implements QueryOutcome {
    }

    /** An empty vector: no series matched. */
    record NoSeries() implements QueryOutcome {
    }

    /** The query failed; {@code reason} is fit for any reader (no internal hosts or addresses). */
    record Failed(String reason) implements QueryOutcome {
    }
}
