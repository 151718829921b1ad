package io.modelfleet.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTemplatesTest {

    private static final QueryVariables STEP = new QueryVariables("serving", "bert-int8-g5", "bert", "v-2", "h-2",
            Duration.ofMinutes(1));
    /** The step's pods: the workload's, of the step's variant only. */
    private static final String W = "namespace=\"serving\",modelfleet_io_deployment=\"bert\","
            + "modelfleet_io_workload=\"bert-int8-g5\",modelfleet_io_variant=\"v-2\"";
    private static final String KSM = "namespace=\"serving\",deployment=\"bert-int8-g5\"";

    @Test
    void tritonQueriesReadTheSummaryForP99AndSuccessPlusFailureForRequests() {
        String w = W;
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
        String w = W;
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
    void availabilityIsTheWorkloadsAvailableReplicasOnceItRunsTheStepsSpecAndItsRolloutIsComplete() {
        assertEquals("max(kube_deployment_status_replicas_available{" + KSM + "})"
                + " and on() count(kube_deployment_labels{" + KSM + ",label_modelfleet_io_spec_hash=\"h-2\"})"
                + " and on() (min(kube_deployment_status_observed_generation{" + KSM + "})"
                + " >= max(kube_deployment_metadata_generation{" + KSM + "}))"
                + " and on() (min(kube_deployment_status_replicas_updated{" + KSM + "})"
                + " >= max(kube_deployment_status_replicas{" + KSM + "}))", STEP.render(QueryTemplates.AVAILABILITY));
    }

    @Test
    void aTemplateThatNamesTheVariantCannotBeRenderedWithoutOne() {
        QueryVariables wide = QueryVariables.deploymentWide("serving", "bert", Duration.ofMinutes(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wide.render(QueryTemplates.TRITON.p99Ms()));
        assertEquals("query template uses ${variant} but these variables name no variant", e.getMessage());
        IllegalArgumentException noHash = assertThrows(IllegalArgumentException.class,
                () -> wide.render(QueryTemplates.AVAILABILITY));
        assertEquals("query template uses ${specHash} but these variables name no specHash", noHash.getMessage());
        assertEquals("sum(rate(nv_inference_request_success{namespace=\"serving\",modelfleet_io_deployment=\"bert\"}"
                + "[60s])) + sum(rate(nv_inference_request_failure{namespace=\"serving\","
                + "modelfleet_io_deployment=\"bert\"}[60s]))", wide.render(QueryTemplates.TRITON.demandRate()));
    }

    /** One matcher of a workload name, enough to see how a name is escaped. */
    private static final String READY_AVAILABLE = "sum(kube_deployment_status_replicas_available{"
            + "namespace=\"${namespace}\",deployment=\"${workload}\"})";

    @Test
    void aQuoteOrBackslashInANameIsEscapedInsideItsMatcher() {
        QueryVariables hostile = new QueryVariables("serving", "x\"} or vector(1) or up{a=\"\\", "bert", "v", "h",
                Duration.ofSeconds(30));
        String escaped = "deployment=\"x\\\"} or vector(1) or up{a=\\\"\\\\\"";
        assertEquals("sum(kube_deployment_status_replicas_available{namespace=\"serving\"," + escaped + "})",
                hostile.render(READY_AVAILABLE));
        String availability = hostile.render(QueryTemplates.AVAILABILITY);
        assertEquals(6, availability.split(java.util.regex.Pattern.quote(escaped), -1).length - 1,
                "every matcher of the real template holds the escaped name: " + availability);
    }

    @Test
    void controlCharactersOtherThanLineBreaksAndTabsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QueryVariables("serving", "a\u0000b", "bert", "v", Duration.ofMinutes(1)));
        assertEquals("query variable workload contains control character U+0000", e.getMessage());
        assertEquals("sum(kube_deployment_status_replicas_available{namespace=\"a\\nb\",deployment=\"w\"})",
                new QueryVariables("a\nb", "w", "d", "v", Duration.ofMinutes(1)).render(READY_AVAILABLE));
    }

    @Test
    void windowsRenderAsSecondsOrMilliseconds() {
        assertEquals("[90s]", new QueryVariables("n", "w", "d", "v", Duration.ofSeconds(90)).render("[${window}]"));
        assertEquals("[1500ms]", new QueryVariables("n", "w", "d", "v", Duration.ofMillis(1500)).render("[${window}]"));
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(1_500_000))) {
            assertThrows(IllegalArgumentException.class, () -> new QueryVariables("n", "w", "d", "v", bad));
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
        AnalysisTarget kube = new AnalysisTarget("eu-1", "bert", "serving", "bert-int8-g5", "v-2", "h-2", 2, false,
                QueryRuntime.TRITON, 20);
        assertEquals(List.of(Check.REQUESTS, Check.P99, Check.ERROR_RATIO),
                Checks.forTarget(kube, AnalysisSettings.DEFAULTS).stream().map(Check::name).toList());
        AnalysisTarget gitops = new AnalysisTarget("eu-1", "bert", "serving", "bert-int8-g5", "v-2", "h-2", 2, true, null,
                20);
        List<Check> checks = Checks.forTarget(gitops, AnalysisSettings.DEFAULTS);
        assertEquals(List.of(Check.REQUESTS, Check.P99, Check.ERROR_RATIO, Check.AVAILABILITY),
                checks.stream().map(Check::name).toList());
        assertEquals(STEP.render(QueryTemplates.OPENMETRICS.p99Ms()), checks.get(1).query(),
                "no runtime on the target or the settings: the generic histogram");
    }

    @Test
    void theErrorRatioSaysWhatNoSeriesMeansAndIsOptionalOnlyWhenTheSettingsSaySo() {
        AnalysisSettings d = AnalysisSettings.DEFAULTS;
        AnalysisSettings optional = new AnalysisSettings(null, d.interval(), d.count(), d.initialDelay(),
                d.failureLimit(), d.inconclusiveLimit(), d.consecutiveErrorLimit(), d.minRequests(),
                d.maxErrorRatio(), d.window(), ErrorRatioPolicy.OPTIONAL);
        assertEquals(ErrorRatioPolicy.REQUIRED, d.errorRatio(), "required unless a deployment says otherwise");
        for (QueryRuntime runtime : QueryRuntime.values()) {
            AnalysisTarget gitops = new AnalysisTarget("eu-1", "bert", "serving", "bert-int8-g5", "v-2", "h-2", 2,
                    true, runtime, 20);
            for (AnalysisSettings settings : List.of(d, optional)) {
                for (Check check : Checks.forTarget(gitops, settings)) {
                    boolean errors = check.name().equals(Check.ERROR_RATIO);
                    assertEquals(errors ? QueryTemplates.of(runtime).errorsAbsent() : null, check.whenAbsent(),
                            runtime + " " + check.name());
                    assertEquals(errors && settings == optional, check.optional(), runtime + " " + check.name());
                }
            }
        }
        assertEquals("the workload exports no http_requests_total{code} (KServe's model server counts no request"
                + " outcomes)", QueryTemplates.KSERVE.errorsAbsent());
    }
}
