package io.modelfleet.analysis.domain;

/**
 * What a step's analysis does when the workload exports no request outcomes, so its error ratio cannot be measured
 * (KServe's model server counts none; a generic server may lack {@code http_requests_total{code}}).
 */
public enum ErrorRatioPolicy {
    /** No outcome series is INCONCLUSIVE: the step pauses rather than pass without an error gate (the default). */
    REQUIRED,
    /**
     * No outcome series is NOT_APPLICABLE, said so in the check's detail, and the measurement is judged on p99 and
     * requests: a person chose to gate this deployment without errors. A ratio that is measured is still judged.
     */
    OPTIONAL
}
