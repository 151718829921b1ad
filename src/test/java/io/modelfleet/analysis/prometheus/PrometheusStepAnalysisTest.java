package io.modelfleet.analysis.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.AnalysisTarget;
import io.modelfleet.analysis.domain.ErrorRatioPolicy;
import io.modelfleet.analysis.domain.Measurement;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryOutcome;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.analysis.domain.QueryTemplates;
import io.modelfleet.analysis.domain.QueryVariables;
import io.modelfleet.analysis.domain.Verdict;
import io.modelfleet.api.security.OutboundAddresses;
import io.modelfleet.testing.prometheus.PrometheusServer;
import io.modelfleet.testing.prometheus.ScrapeTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The step analysis against a real Prometheus 2.42 scraping series the test controls. Expected values are computed
 * by hand from the injected rates: ratios of counters of one pod are exact whatever Prometheus extrapolates (see
 * {@link ScrapeTarget}), so they are asserted within 1e-9.
 */
class PrometheusStepAnalysisTest {

    private static final String NS = "serving";
    private static final AnalysisSettings SETTINGS = new AnalysisSettings(null, Duration.ofSeconds(30), 3,
            Duration.ZERO, 0, 1, 4, 50, 0.01, Duration.ofSeconds(10));
    /** Cumulative request rates per second of the fast KServe variant's buckets. */
    private static final TreeMap<Double, Double> FAST = new TreeMap<>(Map.of(0.005, 10.0, 0.01, 40.0, 0.025, 80.0,
            0.05, 96.0, 0.1, 99.5, 0.25, 100.0, Double.POSITIVE_INFINITY, 100.0));
    private static final TreeMap<Double, Double> SLOW = new TreeMap<>(Map.of(0.05, 20.0, 0.1, 50.0, 0.25, 80.0,
            0.5, 95.0, 1.0, 99.9, Double.POSITIVE_INFINITY, 100.0));
    /** The variant every pod runs unless a test says otherwise (the pods' modelfleet.io/variant label). */
    private static final String V1 = "6f1c0d2e-0000-4000-8000-000000000001";
    private static final String V2 = "6f1c0d2e-0000-4000-8000-000000000002";
    /** Spec hashes of the Deployments kube-state-metrics reports (their modelfleet.io/spec-hash label). */
    private static final String H1 = "0123456789abcdef";
    private static final String H2 = "fedcba9876543210";
    private static final String EVIL_WORKLOAD = "bert-int8-g5\",modelfleet_io_workload=~\".*";

    private static ScrapeTarget target;
    private static PrometheusServer prometheus;
    private static ScrapeTarget.Pod gone;
    private static PrometheusClient client;
    private static PrometheusStepAnalysis analysis;

    @BeforeAll
    static void startPrometheus() {
        target = ScrapeTarget.start();
        ScrapeTarget.Pod fast = target.pod(NS, "llm-int8-g5-7d9f-a", "llm", "llm-int8-g5", V1);
        fast.endpoint().histogram("request_predict_seconds", Map.of("model_name", "llm"), FAST, 4.0)
                .counter("http_requests_total", Map.of("code", "200"), 99.5)
                .counter("http_requests_total", Map.of("code", "500"), 0.5);
        target.pod(NS, "llm-fp16-cpu-5c4b-a", "llm", "llm-fp16-cpu", V1).endpoint()
                .histogram("request_predict_seconds", Map.of("model_name", "llm"), SLOW, 30.0)
                .counter("http_requests_total", Map.of("code", "200"), 100);
        target.pod(NS, "api-gpu-a", "api", "api-gpu", V1).endpoint()
                .histogram("http_request_duration_seconds", Map.of(), FAST, 4.0)
                .counter("http_requests_total", Map.of("code", "200"), 48)
                .counter("http_requests_total", Map.of("code", "503"), 2);
        // Triton, two pods with the same failure share (5%) but different latencies.
        triton(target.pod(NS, "bert-int8-g5-a", "bert", "bert-int8-g5", V1), 12_500, 95, 5);
        triton(target.pod(NS, "bert-int8-g5-b", "bert", "bert-int8-g5", V1), 18_750, 190, 10);
        triton(target.pod(NS, "bert-idle-a", "bert", "bert-idle", V1), 50_000, 0.2, 0);
        triton(target.pod(NS, "bert-nan-a", "bert", "bert-nan", V1), Double.NaN, 100, 0);
        triton(target.pod(NS, "bert-evil-a", "bert", EVIL_WORKLOAD, V1), 7_000, 100, 0);
        gone = target.pod(NS, "bert-gone-a", "bert", "bert-gone", V1);
        triton(gone, 9_000, 100, 0);
        // A same-name upgrade in progress: the old variant's pod is slow, the new one's fast.
        triton(target.pod(NS, "bert-same-old", "bert", "bert-same", V1), 80_000, 100, 0);
        triton(target.pod(NS, "bert-same-new", "bert", "bert-same", V2), 9_000, 100, 0);
        // A KServe model server with no HTTP request counter: its histogram only.
        target.pod(NS, "llm-bare-a", "llm", "llm-bare", V1).endpoint()
                .histogram("request_predict_seconds", Map.of("model_name", "llm"), FAST, 4.0);
        deploymentState("llm-int8-g5", H1, 1, 1, 3, 3, 3);
        deploymentState("llm-fp16-cpu", H1, 1, 1, 3, 3, 1);
        // Synced and rolling: four pods, three of the new template (all available), one old one left.
        deploymentState("llm-rolling", H1, 2, 2, 4, 3, 3);
        // Synced, but the controller has not observed the new generation: status is the old template's.
        deploymentState("llm-unobserved", H1, 3, 2, 3, 3, 3);
        target.kubeStateMetrics().gauge("kube_deployment_status_replicas_ready", Map.of("namespace", NS,
                "deployment", "bert-int8-g5"), 2);
        prometheus = PrometheusServer.start(target);
        prometheus.awaitSamples("up{job=\"modelfleet-pods\"}", 4);
        prometheus.awaitSamples("up{job=\"kube-state-metrics\"}", 2);
        client = new PrometheusClient(Duration.ofSeconds(5), (cluster, ref) -> Optional.empty(),
                OutboundAddresses.system());
        analysis = new PrometheusStepAnalysis(client);
    }

    /** kube-state-metrics' series of one Deployment, its modelfleet.io/spec-hash label allowed. */
    private static void deploymentState(String workload, String specHash, int generation, int observedGeneration,
            int replicas, int updated, int available) {
        Map<String, String> ksm = Map.of("namespace", NS, "deployment", workload);
        target.kubeStateMetrics()
                .gauge("kube_deployment_labels", Map.of("namespace", NS, "deployment", workload,
                        "label_modelfleet_io_spec_hash", specHash), 1)
                .gauge("kube_deployment_metadata_generation", ksm, generation)
                .gauge("kube_deployment_status_observed_generation", ksm, observedGeneration)
                .gauge("kube_deployment_status_replicas", ksm, replicas)
                .gauge("kube_deployment_status_replicas_updated", ksm, updated)
                .gauge("kube_deployment_status_replicas_available", ksm, available);
    }

    private static void triton(ScrapeTarget.Pod pod, double p99Micros, double successes, double failures) {
        Map<String, String> model = Map.of("model", "bert", "version", "1");
        pod.endpoint().summary("nv_inference_request_summary_us", model, Map.of(0.5, p99Micros / 4, 0.9,
                p99Micros / 2, 0.99, p99Micros))
                .counter("nv_inference_request_success", model, successes)
                .counter("nv_inference_request_failure", model, failures);
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        target.close();
    }

    private static AnalysisTarget step(String deployment, String workload, QueryRuntime runtime, double p99LimitMs) {
        return new AnalysisTarget("eu-1", deployment, NS, workload, V1, null, 3, false, runtime, p99LimitMs);
    }

    private static List<Measurement> measure(AnalysisTarget step) {
        return analysis.measure(new MetricsSource(prometheus.url(), null), SETTINGS, step);
    }

    private static Measurement check(List<Measurement> measurements, String name) {
        return measurements.stream().filter(m -> m.check().equals(name)).findFirst().orElseThrow();
    }

    /** histogram_quantile as Prometheus 2.42 computes it: linear interpolation inside the rank's bucket. */
    private static double histogramQuantile(double q, TreeMap<Double, Double> cumulative) {
        double total = cumulative.get(Double.POSITIVE_INFINITY);
        double rank = q * total;
        double lowerBound = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                return lowerBound + (bucket.getKey() - lowerBound) * (rank - below) / (bucket.getValue() - below);
            }
            lowerBound = bucket.getKey();
            below = bucket.getValue();
        }
        throw new IllegalArgumentException("rank beyond the last finite bucket");
    }

    @Test
    void kserveP99IsTheHistogramQuantileOfTheBucketRatesInMilliseconds() {
        List<Measurement> m = measure(step("llm", "llm-int8-g5", QueryRuntime.KSERVE, 100));
        // Rank 0.99 × 100 = 99 lies in (0.05, 0.1], which holds 96 → 99.5: 0.05 + 0.05 × 3 / 3.5 s.
        double expected = (0.05 + (0.1 - 0.05) * (99 - 96) / (99.5 - 96)) * 1000;
        assertEquals(expected, histogramQuantile(0.99, FAST) * 1000, 1e-12, "the hand computation");
        Measurement p99 = check(m, "p99");
        assertEquals(expected, p99.value(), 1e-9);
        assertEquals(Verdict.PASS, p99.verdict());
        assertEquals("p99 92.857 ms <= 100 ms", p99.detail());
        Measurement errors = check(m, "errorRatio");
        assertEquals(0.5 / 100, errors.value(), 1e-9);
        assertEquals(Verdict.PASS, errors.verdict());
        Measurement requests = check(m, "requests");
        assertEquals(Verdict.PASS, requests.verdict());
        assertTrue(requests.value() > 50 && requests.value() <= 100 * 10 * 1.01, "about 100/s over at most 10 s: "
                + requests.value());
        assertEquals(List.of("requests", "p99", "errorRatio"), m.stream().map(Measurement::check).toList());
    }

    @Test
    void aSlowVariantFailsItsP99() {
        Measurement p99 = check(measure(step("llm", "llm-fp16-cpu", QueryRuntime.KSERVE, 100)), "p99");
        double expected = (0.5 + (1.0 - 0.5) * (99 - 95) / (99.9 - 95)) * 1000;
        assertEquals(expected, histogramQuantile(0.99, SLOW) * 1000, 1e-12);
        assertEquals(expected, p99.value(), 1e-9);
        assertEquals(Verdict.FAIL, p99.verdict());
        assertEquals("p99 908.163 ms > 100 ms", p99.detail());
    }

    @Test
    void openMetricsErrorRatioIsFiveHundredsOverAllRequests() {
        List<Measurement> m = measure(step("api", "api-gpu", QueryRuntime.OPENMETRICS, 100));
        Measurement errors = check(m, "errorRatio");
        assertEquals(2.0 / (48 + 2), errors.value(), 1e-9);
        assertEquals(Verdict.FAIL, errors.verdict());
        assertEquals("error ratio 4% > 1%", errors.detail());
        assertEquals(histogramQuantile(0.99, FAST) * 1000, check(m, "p99").value(), 1e-9);
    }

    @Test
    void tritonP99IsTheSlowestPodsSummaryQuantileInMilliseconds() {
        Measurement p99 = check(measure(step("bert", "bert-int8-g5", QueryRuntime.TRITON, 20)), "p99");
        assertEquals(18.75, p99.value(), 1e-9);
        assertEquals(Verdict.PASS, p99.verdict());
        assertEquals("p99 18.75 ms <= 20 ms", p99.detail());
    }

    @Test
    void tritonErrorRatioIsFailuresOverSuccessesPlusFailures() {
        Measurement errors = check(measure(step("bert", "bert-int8-g5", QueryRuntime.TRITON, 20)), "errorRatio");
        assertEquals((5.0 + 10) / (95 + 5 + 190 + 10), errors.value(), 1e-9);
        assertEquals(Verdict.FAIL, errors.verdict());
        assertEquals("error ratio 5% > 1%", errors.detail());
    }

    @Test
    void fewerRequestsThanTheMinimumMakeP99AndErrorRatioInconclusive() {
        List<Measurement> m = measure(step("bert", "bert-idle", QueryRuntime.TRITON, 20));
        Measurement requests = check(m, "requests");
        assertTrue(requests.value() > 0 && requests.value() <= 0.2 * 10 * 1.01, "0.2/s over at most 10 s: "
                + requests.value());
        assertEquals(List.of(Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE),
                m.stream().map(Measurement::verdict).toList());
        Measurement p99 = check(m, "p99");
        assertEquals(50.0, p99.value(), 1e-9, "measured and shown, though not judged");
        assertTrue(p99.detail().startsWith("p99 50 ms > 20 ms, not judged: "), p99.detail());
        assertTrue(p99.detail().endsWith(" requests in 10s, fewer than the minimum 50"), p99.detail());
    }

    @Test
    void aWorkloadWithoutSeriesIsInconclusiveInEveryCheck() {
        List<Measurement> m = measure(step("bert", "bert-never-scraped", QueryRuntime.TRITON, 20));
        assertEquals(List.of(Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE),
                m.stream().map(Measurement::verdict).toList());
        m.forEach(x -> assertNull(x.value()));
        assertEquals("p99: no series (nothing scraped for this workload)", check(m, "p99").detail());
    }

    @Test
    void aNaNQuantileIsInconclusive() {
        List<Measurement> m = measure(step("bert", "bert-nan", QueryRuntime.TRITON, 20));
        assertEquals(Verdict.PASS, check(m, "requests").verdict());
        Measurement p99 = check(m, "p99");
        assertEquals(Verdict.INCONCLUSIVE, p99.verdict());
        assertNull(p99.value());
        assertEquals("p99 is NaN (no observations in the window)", p99.detail());
    }

    @Test
    void aSeriesThatStopsBeingScrapedIsInconclusive() {
        AnalysisTarget step = step("bert", "bert-gone", QueryRuntime.TRITON, 20);
        assertEquals(9.0, check(measure(step), "p99").value(), 1e-9);
        gone.endpoint().remove("nv_inference_request_summary_us");
        prometheus.awaitAbsent("nv_inference_request_summary_us{modelfleet_io_workload=\"bert-gone\"}");
        Measurement p99 = check(measure(step), "p99");
        assertEquals(Verdict.INCONCLUSIVE, p99.verdict());
        assertEquals("p99: no series (nothing scraped for this workload)", p99.detail());
    }

    @Test
    void availabilityBelowThePlannedReplicasFails() {
        AnalysisTarget gitops = new AnalysisTarget("eu-1", "llm", NS, "llm-fp16-cpu", V1, H1, 3, true,
                QueryRuntime.KSERVE, 1000);
        Measurement available = check(analysis.measure(new MetricsSource(prometheus.url(), null), SETTINGS, gitops),
                "availability");
        assertEquals(1.0, available.value());
        assertEquals(Verdict.FAIL, available.verdict());
        assertEquals("1 of 3 planned replicas available", available.detail());
    }

    @Test
    void availabilityAtThePlannedReplicasPasses() {
        AnalysisTarget gitops = new AnalysisTarget("eu-1", "llm", NS, "llm-int8-g5", V1, H1, 3, true,
                QueryRuntime.KSERVE, 100);
        List<Measurement> m = analysis.measure(new MetricsSource(prometheus.url(), null), SETTINGS, gitops);
        Measurement available = check(m, "availability");
        assertEquals(3.0, available.value());
        assertEquals(Verdict.PASS, available.verdict());
        assertEquals(List.of(Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS),
                m.stream().map(Measurement::verdict).toList());
    }

    private static Measurement availability(String workload, String specHash) {
        AnalysisTarget gitops = new AnalysisTarget("eu-1", "llm", NS, workload, V1, specHash, 3, true,
                QueryRuntime.KSERVE, 100);
        return check(analysis.measure(new MetricsSource(prometheus.url(), null), SETTINGS, gitops), "availability");
    }

    @Test
    void availabilityIsNotJudgedWhileTheDeploymentRunsAnotherSpecStillRollsOrIsUnobserved() {
        String absent = "available replicas: no series: " + QueryTemplates.AVAILABILITY_ABSENT;
        for (Measurement m : List.of(availability("llm-int8-g5", H2), availability("llm-rolling", H1),
                availability("llm-unobserved", H1))) {
            assertEquals(Verdict.INCONCLUSIVE, m.verdict(), m.query());
            assertNull(m.value());
            assertEquals(absent, m.detail());
        }
        assertEquals(Verdict.PASS, availability("llm-int8-g5", H1).verdict(), "the same Deployment, its spec");
    }

    @Test
    void aSameNameUpgradeMeasuresOnlyTheStepsVariantsPods() {
        Measurement newP99 = check(measure(new AnalysisTarget("eu-1", "bert", NS, "bert-same", V2, null, 1, false,
                QueryRuntime.TRITON, 20)), "p99");
        assertEquals(9.0, newP99.value(), 1e-9, "the old variant's 80 ms pod is not selected");
        assertEquals(Verdict.PASS, newP99.verdict());
        Measurement oldP99 = check(measure(step("bert", "bert-same", QueryRuntime.TRITON, 20)), "p99");
        assertEquals(80.0, oldP99.value(), 1e-9);
        assertEquals(Verdict.FAIL, oldP99.verdict());
    }

    @Test
    void kserveWithoutARequestCounterNeedsItsErrorRatioUnlessTheDeploymentMadeItOptional() {
        String absent = "the workload exports no http_requests_total{code} (KServe's model server counts no request"
                + " outcomes)";
        List<Measurement> required = measure(step("llm", "llm-bare", QueryRuntime.KSERVE, 100));
        Measurement errors = check(required, "errorRatio");
        assertEquals(Verdict.INCONCLUSIVE, errors.verdict(), "no error gate is never passed by default");
        assertEquals("error ratio: no series: " + absent + "; export it, or set analysis.errorRatio to OPTIONAL to"
                + " gate on p99 and requests only", errors.detail());

        AnalysisSettings optional = new AnalysisSettings(null, Duration.ofSeconds(30), 3, Duration.ZERO, 0, 1, 4, 50,
                0.01, Duration.ofSeconds(10), ErrorRatioPolicy.OPTIONAL);
        List<Measurement> m = analysis.measure(new MetricsSource(prometheus.url(), null), optional,
                step("llm", "llm-bare", QueryRuntime.KSERVE, 100));
        Measurement notApplicable = check(m, "errorRatio");
        assertEquals(Verdict.NOT_APPLICABLE, notApplicable.verdict());
        assertNull(notApplicable.value());
        assertEquals("error ratio not applicable: " + absent + "; analysis.errorRatio is OPTIONAL, so the"
                + " measurement is judged on p99 and requests", notApplicable.detail());
        assertEquals(List.of(Verdict.PASS, Verdict.PASS, Verdict.NOT_APPLICABLE),
                m.stream().map(Measurement::verdict).toList());
        // OPTIONAL only forgives a missing counter: a measured ratio is judged (the fast pod: 0.5% of 1%).
        Measurement measured = check(analysis.measure(new MetricsSource(prometheus.url(), null), optional,
                step("llm", "llm-int8-g5", QueryRuntime.KSERVE, 100)), "errorRatio");
        assertEquals(Verdict.PASS, measured.verdict());
        assertEquals(0.005, measured.value(), 1e-9);
    }

    @Test
    void aQuoteInAWorkloadNameStaysInsideItsLabelMatcher() {
        // Unescaped, this name would add modelfleet_io_workload=~".*" and select every bert pod (p99 18.75 ms).
        Measurement p99 = check(measure(step("bert", EVIL_WORKLOAD, QueryRuntime.TRITON, 20)), "p99");
        assertEquals(7.0, p99.value(), 1e-9, "only the pod whose label is exactly that text");
        // A name that tries to append its own expression finds no series rather than the constant it appends.
        List<Measurement> m = measure(step("bert", "bert-int8-g5\"}) or vector(1000) or max(up{a=\"",
                QueryRuntime.TRITON, 20));
        assertEquals(Verdict.INCONCLUSIVE, check(m, "p99").verdict());
        assertNull(check(m, "p99").value());
    }

    @Test
    void observedRequestRatesAreTheInjectedRatesForTheDeploymentAndPerReadyReplica() {
        prometheus.awaitSamples("up{modelfleet_io_deployment=\"bert\"}", 8);
        // At the latest scrape, so every pod's last sample is within one interval of the window's end and rate()
        // extrapolates to both ends: then it is the counters' slope, up to the few milliseconds between a
        // scrape's timestamp and the moment the target computed its values.
        double latest = prometheus.query("max(timestamp(up{modelfleet_io_deployment=\"bert\"}))").path("data")
                .path("result").get(0).path("value").get(1).asDouble();
        Instant at = Instant.ofEpochMilli(Math.round(latest * 1000));
        QueryVariables step = new QueryVariables(NS, "bert-int8-g5", "bert", V1, Duration.ofSeconds(5));
        MetricsSource source = new MetricsSource(prometheus.url(), null);
        QueryOutcome.Value perReplica = (QueryOutcome.Value) client.query("eu-1", source,
                step.render(QueryTemplates.TRITON.rpsPerReplica()), at);
        assertEquals((95 + 5 + 190 + 10) / 2.0, perReplica.value(), 150 * 0.01, "two ready replicas");
        QueryOutcome.Value demand = (QueryOutcome.Value) client.query("eu-1", source,
                step.render(QueryTemplates.TRITON.demandRate()), at);
        double injected = 95 + 5 + 190 + 10 + 0.2 + 100 + 100 + 100 + 100 + 100;
        assertEquals(injected, demand.value(), injected * 0.01, "every bert workload in the namespace");
    }

    @Test
    void anUnreachablePrometheusIsAnErrorInEveryCheckWithoutItsAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        List<Measurement> m = analysis.measure(new MetricsSource("http://127.0.0.1:" + closedPort, null), SETTINGS,
                step("llm", "llm-int8-g5", QueryRuntime.KSERVE, 100));
        assertEquals(List.of(Verdict.ERROR, Verdict.ERROR, Verdict.ERROR),
                m.stream().map(Measurement::verdict).toList());
        for (Measurement x : m) {
            assertTrue(x.detail().matches("cluster eu-1: Prometheus unreachable \\(\\w+Exception; details in the"
                    + " server log, ref [0-9a-f]{8}\\)"), x.detail());
            assertFalse(x.detail().contains("127.0.0.1") || x.detail().contains(Integer.toString(closedPort)),
                    x.detail());
        }
    }

    @Test
    void theBearerTokenOfTheCredentialsRefIsSentWhenConfigured() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer guard = tokenCheckingProxy("Bearer s3cret-metrics-token", seen);
        try {
            PrometheusStepAnalysis withToken = new PrometheusStepAnalysis(new PrometheusClient(Duration.ofSeconds(5),
                    new CredentialBearerTokens(() -> {
                        throw new AssertionError("an env: reference needs no Kubernetes client");
                    }, Map.of("PROM_TOKEN", "s3cret-metrics-token")::get, System::nanoTime),
                    OutboundAddresses.system()));
            String url = "http://127.0.0.1:" + guard.getAddress().getPort();
            AnalysisTarget step = step("bert", "bert-int8-g5", QueryRuntime.TRITON, 20);
            Measurement p99 = check(withToken.measure(new MetricsSource(url, "env:PROM_TOKEN"), SETTINGS, step),
                    "p99");
            assertEquals(18.75, p99.value(), 1e-9, "answered by the real Prometheus behind the proxy");
            assertEquals(List.of("Bearer s3cret-metrics-token"), seen.stream().distinct().toList());

            Measurement anonymous = check(analysis.measure(new MetricsSource(url, null), SETTINGS, step), "p99");
            assertEquals(Verdict.ERROR, anonymous.verdict());
            assertEquals("cluster eu-1: Prometheus answered HTTP 401", anonymous.detail());

            Measurement unresolved = check(withToken.measure(new MetricsSource(url, "env:NO_SUCH_TOKEN"), SETTINGS,
                    step), "p99");
            assertEquals(Verdict.ERROR, unresolved.verdict());
            assertEquals("cluster eu-1: metrics.credentialsRef env:NO_SUCH_TOKEN: environment variable NO_SUCH_TOKEN"
                    + " is not set", unresolved.detail());
        } finally {
            guard.stop(0);
        }
    }

    /** Forwards queries to the real Prometheus only with the expected Authorization header; 401 otherwise. */
    private static HttpServer tokenCheckingProxy(String expected, List<String> seen) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpClient http = HttpClient.newHttpClient();
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body = new byte[0];
            int status = 401;
            if (authorization != null) {
                seen.add(authorization);
            }
            if (expected.equals(authorization)) {
                try {
                    HttpResponse<byte[]> forwarded = http.send(HttpRequest.newBuilder(URI.create(prometheus.url()
                            + exchange.getRequestURI())).build(), HttpResponse.BodyHandlers.ofByteArray());
                    status = forwarded.statusCode();
                    body = forwarded.body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    status = 502;
                }
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
