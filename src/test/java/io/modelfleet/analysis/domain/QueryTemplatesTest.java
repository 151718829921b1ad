package io.modelfleet.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTemplatesTest {

    private static final QueryVariables STEP = new QueryVariables("serving", "bert-int8-g5", "bert",
            Duration.ofMinutes(1));

    @Test
    void tritonQueriesReadTheSummaryForP99AndSuccessPlusFailureForRequests() {
        String w = "namespace=\"serving\",modelfleet_io_deployment=\"bert\",modelfleet_io_workload=\"bert-int8-g5\"";
        assertEquals("max(nv_inference_request_summary_us{quantile=\"0.99\"," + w + "}) / 1000",
                STEP.render(QueryTemplates.TRITON.p99Ms()));
        assertEquals("sum(increase(nv_inference_request_failure{" + w + "}[60s])) / (sum(increase("
                + "nv_inference_request_success{" + w + "}[60s])) + sum(increase(nv_inference_request_failure{" + w
                + "}[60s])))", STEP.render(QueryTemplates.TRITON.errorRatio()));
        assertEquals("sum(increase(nv_inference_request_success{" + w + "}[60s])) + sum(increase("
                + "nv_inference_request_failure{" + w + "}[60s]))", STEP.render(QueryTemplates.TRITON.requests()));
    }

    @Test
    void kserveP99IsTheHistogramQuantileOfBucketRatesInMilliseconds() {
        String w = "namespace=\"serving\",modelfleet_io_deployment=\"bert\",modelfleet_io_workload=\"bert-int8-g5\"";
        assertEquals("histogram_quantile(0.99, sum by (le) (rate(request_predict_seconds_bucket{" + w
                + "}[60s]))) * 1000", STEP.render(QueryTemplates.KSERVE.p99Ms()));
        assertEquals("(sum(increase(http_requests_total{code=~\"5..\"," + w + "}[60s])) or vector(0)) / "
                + "sum(increase(http_requests_total{" + w + "}[60s]))",
                STEP.render(QueryTemplates.KSERVE.errorRatio()));
        assertEquals("sum(increase(request_predict_seconds_count{" + w + "}[60s]))",
                STEP.render(QueryTemplates.KSERVE.requests()));
    }

    @Test
    void observedDemandSelectsEveryWorkloadOfTheDeploymentAndRpsIsPerReadyReplica() {
        assertEquals("sum(rate(http_request_duration_seconds_count{namespace=\"serving\","
                + "modelfleet_io_deployment=\"bert\"}[60s]))", STEP.render(QueryTemplates.OPENMETRICS.demandRate()));
        assertEquals("sum(rate(http_request_duration_seconds_count{namespace=\"serving\","
                + "modelfleet_io_deployment=\"bert\",modelfleet_io_workload=\"bert-int8-g5\"}[60s])) / "
                + "sum(kube_deployment_status_replicas_ready{namespace=\"serving\",deployment=\"bert-int8-g5\"})",
                STEP.render(QueryTemplates.OPENMETRICS.rpsPerReplica()));
    }

    @Test
    void availabilityReadsKubeStateMetricsForTheWorkload() {
        assertEquals("sum(kube_deployment_status_replicas_available{namespace=\"serving\","
                + "deployment=\"bert-int8-g5\"})", STEP.render(QueryTemplates.AVAILABILITY));
    }

    @Test
    void aQuoteOrBackslashInANameIsEscapedInsideItsMatcher() {
        QueryVariables hostile = new QueryVariables("serving", "x\"} or vector(1) or up{a=\"\\", "bert",
                Duration.ofSeconds(30));
        assertEquals("sum(kube_deployment_status_replicas_available{namespace=\"serving\","
                + "deployment=\"x\\\"} or vector(1) or up{a=\\\"\\\\\"})", hostile.render(QueryTemplates.AVAILABILITY));
    }

    @Test
    void controlCharactersOtherThanLineBreaksAndTabsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QueryVariables("serving", "a\u0000b", "bert", Duration.ofMinutes(1)));
        assertEquals("query variable workload contains control character U+0000", e.getMessage());
        assertEquals("sum(kube_deployment_status_replicas_available{namespace=\"a\\nb\",deployment=\"w\"})",
                new QueryVariables("a\nb", "w", "d", Duration.ofMinutes(1)).render(QueryTemplates.AVAILABILITY));
    }

    @Test
    void windowsRenderAsSecondsOrMilliseconds() {
        assertEquals("[90s]", new QueryVariables("n", "w", "d", Duration.ofSeconds(90)).render("[${window}]"));
        assertEquals("[1500ms]", new QueryVariables("n", "w", "d", Duration.ofMillis(1500)).render("[${window}]"));
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(1_500_000))) {
            assertThrows(IllegalArgumentException.class, () -> new QueryVariables("n", "w", "d", bad));
        }
    }

    @Test
    void anUnknownVariableIsAnErrorRatherThanSentAsIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> STEP.render("up{a=\"${pod}\"}"));
        assertEquals("query template uses unknown variable ${pod}", e.getMessage());
    }

    @Test
    void checksAreRequestsP99AndErrorRatioPlusAvailabilityForGitops() {
        AnalysisTarget kube = new AnalysisTarget("eu-1", "bert", "serving", "bert-int8-g5", 2, false,
                QueryRuntime.TRITON, 20);
        assertEquals(List.of(Check.REQUESTS, Check.P99, Check.ERROR_RATIO),
                Checks.forTarget(kube, AnalysisSettings.DEFAULTS).stream().map(Check::name).toList());
        AnalysisTarget gitops = new AnalysisTarget("eu-1", "bert", "serving", "bert-int8-g5", 2, true, null, 20);
        List<Check> checks = Checks.forTarget(gitops, AnalysisSettings.DEFAULTS);
        assertEquals(List.of(Check.REQUESTS, Check.P99, Check.ERROR_RATIO, Check.AVAILABILITY),
                checks.stream().map(Check::name).toList());
        assertEquals(STEP.render(QueryTemplates.OPENMETRICS.p99Ms()), checks.get(1).query(),
                "no runtime on the target or the settings: the generic histogram");
    }
}
