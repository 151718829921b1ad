package io.modelfleet.analysis.domain;

/**
 * The PromQL a runtime's checks send, with {@link QueryVariables}' placeholders. Step checks select the step's
 * pods by {@code namespace}, {@code modelfleet_io_deployment}, {@code modelfleet_io_workload} and
 * {@code modelfleet_io_variant} (pod labels relabeled by the scrape config docs/rollouts.md shows): a new model
 * version on the same precision and hardware keeps its Deployment's name, and only the variant label tells its pods
 * from the old ones while both serve. Observed demand selects every workload of the deployment in the namespace.
 * Every query aggregates to at most one series.
 *
 * @param p99Ms         p99 latency in milliseconds, of the variant's pods
 * @param errorRatio    failed requests over all requests in the window, of the variant's pods
 * @param requests      requests in the window, of the variant's pods
 * @param demandRate    requests per second over the window, all workloads of the deployment
 * @param rpsPerReplica requests per second over the window per ready replica of the workload
 * @param errorsAbsent  what an error ratio with no series means for this runtime, for the check's detail
 */
public record QueryTemplates(String p99Ms, String errorRatio, String requests, String demandRate,
        String rpsPerReplica, String errorsAbsent) {

    private static final String KSM_WORKLOAD = "namespace=\"${namespace}\",deployment=\"${workload}\"";

    /**
     * kube-state-metrics' available replicas of the workload, present only once the Deployment carries the spec
     * the step wrote (its {@code modelfleet.io/spec-hash} label: template, replicas and strategy) and its rollout
     * is complete: the controller observed the current generation and no pod of an older template is left. Before
     * that (not yet synced by the GitOps agent, or still rolling) there is no series, so neither a same-name
     * upgrade nor a change of resources or replicas is judged available on the old pods. The label comes from
     * {@code kube_deployment_labels}, which kube-state-metrics fills only for allowed labels:
     * {@code --metric-labels-allowlist=deployments=[modelfleet.io/spec-hash]}. Available replicas are the
     * {@code max} over series and the conditions compare the least caught-up series, so a kube-state-metrics
     * scraped twice (two jobs, an HA pair) neither doubles the count nor hides a lagging copy.
     */
    public static final String AVAILABILITY = "max(kube_deployment_status_replicas_available{" + KSM_WORKLOAD + "})"
            + " and on() count(kube_deployment_labels{" + KSM_WORKLOAD
            + ",label_modelfleet_io_spec_hash=\"${specHash}\"})"
            + " and on() (min(kube_deployment_status_observed_generation{" + KSM_WORKLOAD + "})"
            + " >= max(kube_deployment_metadata_generation{" + KSM_WORKLOAD + "}))"
            + " and on() (min(kube_deployment_status_replicas_updated{" + KSM_WORKLOAD + "})"
            + " >= max(kube_deployment_status_replicas{" + KSM_WORKLOAD + "}))";

    /** Why the availability check has no series, shown in its detail. */
    public static final String AVAILABILITY_ABSENT = "kube-state-metrics shows no completed rollout of the spec"
            + " this step wrote yet (not synced, still rolling, or kube-state-metrics runs without"
            + " --metric-labels-allowlist=deployments=[modelfleet.io/spec-hash])";

    private static final String WORKLOAD = "namespace=\"${namespace}\",modelfleet_io_deployment=\"${deployment}\","
            + "modelfleet_io_workload=\"${workload}\"";
    private static final String VARIANT = WORKLOAD + ",modelfleet_io_variant=\"${variant}\"";
    private static final String DEPLOYMENT = "namespace=\"${namespace}\",modelfleet_io_deployment=\"${deployment}\"";
    /** kube-state-metrics' ready replicas of the workload, whatever the runtime (the per-replica divisor). */
    public static final String READY_REPLICAS = "sum(kube_deployment_status_replicas_ready{" + KSM_WORKLOAD + "})";

    /**
     * Triton: latency from the summary (its duration metric {@code nv_inference_request_duration_us} is a
     * cumulative counter and has no quantiles), the slowest pod's p99; requests are successes plus failures.
     */
    public static final QueryTemplates TRITON = new QueryTemplates(
            "max(nv_inference_request_summary_us{quantile=\"0.99\"," + VARIANT + "}) / 1000",
            increase("nv_inference_request_failure", VARIANT) + " / (" + increase("nv_inference_request_success",
                    VARIANT) + " + " + increase("nv_inference_request_failure", VARIANT) + ")",
            increase("nv_inference_request_success", VARIANT) + " + " + increase("nv_inference_request_failure",
                    VARIANT),
            rate("nv_inference_request_success", DEPLOYMENT) + " + " + rate("nv_inference_request_failure",
                    DEPLOYMENT),
            "(" + rate("nv_inference_request_success", WORKLOAD) + " + " + rate("nv_inference_request_failure",
                    WORKLOAD) + ") / " + READY_REPLICAS,
            "the workload exports no nv_inference_request_success or nv_inference_request_failure counters");

    /**
     * KServe model servers: the {@code request_predict_seconds} histogram; its count is the requests. KServe's
     * histogram has no outcome label, so the error ratio comes from an HTTP server's {@code http_requests_total{code}}
     * as for OPENMETRICS, when the serving container (or a sidecar) exports one. No 5xx series yet counts as no
     * errors (clients create a code's series at its first request); no request series at all leaves the ratio
     * empty: INCONCLUSIVE, or NOT_APPLICABLE where the deployment's {@code analysis.errorRatio} is OPTIONAL.
     */
    public static final QueryTemplates KSERVE = histogram("request_predict_seconds", "the workload exports no"
            + " http_requests_total{code} (KServe's model server counts no request outcomes)");

    /** A generic OpenMetrics server: {@code http_request_duration_seconds} and {@code http_requests_total{code}}. */
    public static final QueryTemplates OPENMETRICS = histogram("http_request_duration_seconds",
            "the workload exports no http_requests_total{code}");

    public static QueryTemplates of(QueryRuntime runtime) {
        return switch (runtime) {
            case TRITON -> TRITON;
            case KSERVE -> KSERVE;
            case OPENMETRICS -> OPENMETRICS;
        };
    }

    private static QueryTemplates histogram(String name, String errorsAbsent) {
        return new QueryTemplates(
                "histogram_quantile(0.99, sum by (le) (rate(" + name + "_bucket{" + VARIANT + "}[${window}]))) * 1000",
                "(sum(increase(http_requests_total{code=~\"5..\"," + VARIANT + "}[${window}])) or vector(0)) / "
                        + increase("http_requests_total", VARIANT),
                increase(name + "_count", VARIANT),
                rate(name + "_count", DEPLOYMENT),
                rate(name + "_count", WORKLOAD) + " / " + READY_REPLICAS, errorsAbsent);
    }

    private static String increase(String metric, String selector) {
        return "sum(increase(" + metric + "{" + selector + "}[${window}]))";
    }

    private static String rate(String metric, String selector) {
        return "sum(rate(" + metric + "{" + selector + "}[${window}]))";
    }
}
