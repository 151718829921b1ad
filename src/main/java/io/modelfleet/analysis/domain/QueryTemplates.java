package io.modelfleet.analysis.domain;

/**
 * The PromQL a runtime's checks send, with {@link QueryVariables}' placeholders. Step checks select the step's
 * workload by {@code namespace}, {@code modelfleet_io_deployment} and {@code modelfleet_io_workload} (pod labels
 * relabeled by the scrape config docs/rollouts.md shows); observed demand selects every workload of the deployment
 * in the namespace. Every query aggregates to at most one series.
 *
 * @param p99Ms         p99 latency in milliseconds
 * @param errorRatio    failed requests over all requests in the window
 * @param requests      requests in the window
 * @param demandRate    requests per second over the window, all workloads of the deployment
 * @param rpsPerReplica requests per second over the window per ready replica of the workload
 */
public record QueryTemplates(String p99Ms, String errorRatio, String requests, String demandRate,
        String rpsPerReplica) {

    /** kube-state-metrics' available replicas of the workload, whatever the runtime. */
    public static final String AVAILABILITY = "sum(kube_deployment_status_replicas_available{"
            + "namespace=\"${namespace}\",deployment=\"${workload}\"})";

    private static final String WORKLOAD = "namespace=\"${namespace}\",modelfleet_io_deployment=\"${deployment}\","
            + "modelfleet_io_workload=\"${workload}\"";
    private static final String DEPLOYMENT = "namespace=\"${namespace}\",modelfleet_io_deployment=\"${deployment}\"";
    /** kube-state-metrics' ready replicas of the workload, whatever the runtime (the per-replica divisor). */
    public static final String READY_REPLICAS = "sum(kube_deployment_status_replicas_ready{"
            + "namespace=\"${namespace}\",deployment=\"${workload}\"})";

    /**
     * Triton: latency from the summary (its duration metric {@code nv_inference_request_duration_us} is a
     * cumulative counter and has no quantiles), the slowest pod's p99; requests are successes plus failures.
     */
    public static final QueryTemplates TRITON = new QueryTemplates(
            "max(nv_inference_request_summary_us{quantile=\"0.99\"," + WORKLOAD + "}) / 1000",
            increase("nv_inference_request_failure", WORKLOAD) + " / (" + increase("nv_inference_request_success",
                    WORKLOAD) + " + " + increase("nv_inference_request_failure", WORKLOAD) + ")",
            increase("nv_inference_request_success", WORKLOAD) + " + " + increase("nv_inference_request_failure",
                    WORKLOAD),
            rate("nv_inference_request_success", DEPLOYMENT) + " + " + rate("nv_inference_request_failure",
                    DEPLOYMENT),
            "(" + rate("nv_inference_request_success", WORKLOAD) + " + " + rate("nv_inference_request_failure",
                    WORKLOAD) + ") / " + READY_REPLICAS);

    /**
     * KServe model servers: the {@code request_predict_seconds} histogram; its count is the requests. KServe's
     * histogram has no outcome label, so the error ratio comes from the HTTP server's
     * {@code http_requests_total{code}} as for OPENMETRICS. No 5xx series yet counts as no errors (clients create a
     * code's series at its first request); no request series at all leaves the ratio empty, so INCONCLUSIVE.
     */
    public static final QueryTemplates KSERVE = histogram("request_predict_seconds");

    /** A generic OpenMetrics server: {@code http_request_duration_seconds} and {@code http_requests_total{code}}. */
    public static final QueryTemplates OPENMETRICS = histogram("http_request_duration_seconds");

    public static QueryTemplates of(QueryRuntime runtime) {
        return switch (runtime) {
            case TRITON -> TRITON;
            case KSERVE -> KSERVE;
            case OPENMETRICS -> OPENMETRICS;
        };
    }

    private static QueryTemplates histogram(String name) {
        return new QueryTemplates(
                "histogram_quantile(0.99, sum by (le) (rate(" + name + "_bucket{" + WORKLOAD + "}[${window}]))) * 1000",
                "(sum(increase(http_requests_total{code=~\"5..\"," + WORKLOAD + "}[${window}])) or vector(0)) / "
                        + increase("http_requests_total", WORKLOAD),
                increase(name + "_count", WORKLOAD),
                rate(name + "_count", DEPLOYMENT),
                rate(name + "_count", WORKLOAD) + " / " + READY_REPLICAS);
    }

    private static String increase(String metric, String selector) {
        return "sum(increase(" + metric + "{" + selector + "}[${window}]))";
    }

    private static String rate(String metric, String selector) {
        return "sum(rate(" + metric + "{" + selector + "}[${window}]))";
    }
}
