package io.modelfleet.analysis.domain;

/** Which serving runtime's metrics a workload exposes; picks the query templates of its analysis. */
public enum QueryRuntime {
    /** NVIDIA Triton: latency from the {@code nv_inference_request_summary_us} summary, errors from counters. */
    TRITON,
    /** KServe model servers: the {@code request_predict_seconds} histogram. */
    KSERVE,
    /** Any server exposing a generic OpenMetrics HTTP request-duration histogram. */
    OPENMETRICS
}
