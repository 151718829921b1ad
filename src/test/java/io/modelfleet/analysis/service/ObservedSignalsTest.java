package io.modelfleet.analysis.service;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.rollout.kube.ObjectNames;
import io.modelfleet.testing.Fixtures;
import io.modelfleet.testing.prometheus.PrometheusServer;
import io.modelfleet.testing.prometheus.ScrapeTarget;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Observed demand, OBSERVED benchmark rows and the "SLO at risk" flag against a real Prometheus scraping Triton
 * series the test injects (test profile: demand is the p95 over 10 s of 5 s rates, one a second; the performance
 * window is 5 s). Rates come out of Prometheus's extrapolation, so they are asserted within 1%, except observed
 * demand within 2%: it is the p95 of ten 5 s rates, so it takes the worst of the few milliseconds between a
 * scrape's timestamp and the moment the target computed its counters (1.2% was seen on a loaded machine); a
 * summary's p99 is a gauge and exact.
 *
 * <p>Injected: {@code risk} (model A) 95 + 5 requests/s, p99 12.5 ms, 2 ready replicas, so 50 requests/s per
 * replica; {@code ok} (model B) 60 requests/s, p99 5 ms, 1 ready replica; {@code max} and {@code maxHigh} (model A)
 * 30 requests/s each; {@code none} has no series. Both variants are benchmarked at p99 7.1 ms and 70 requests/s.
 */
@QuarkusTest
class ObservedSignalsTest {

    private static final String NS = "default";
    private static final String HW = unique("t4");
    private static final String RISK = unique("risk");
    private static final String OK = unique("ok");
    private static final String MAX = unique("max");
    private static final String MAX_HIGH = unique("maxhigh");
    private static final String NONE = unique("none");
    private static final String DOWN = unique("down");
    private static final String STALE = unique("stale");

    private static ScrapeTarget target;
    private static PrometheusServer prometheus;
    private static String cluster;
    private static String downCluster;
    private static String modelA;
    private static String modelB;
    private static String variantA;
    private static String variantB;
    private static String stalenessModel;

    @Inject
    ObservedDemand observedDemand;

    @Inject
    ObservedPerformanceRecorder recorder;

    @Inject
    Pool pool;

    @Inject
    io.modelfleet.rollout.RolloutEngine engine;

    @BeforeEach
    void fleet() {
        if (prometheus != null) {
            return;
        }
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + HW).then().statusCode(201);
        modelA = unique("ma");
        modelB = unique("mb");
        variantA = variant(modelA);
        variantB = variant(modelB);
        String modelC = unique("mc");
        String variantC = variant(modelC);
        // Pods carry their variant's id, so they are declared after the variants and before Prometheus starts.
        target = ScrapeTarget.start();
        triton(RISK, variantA, 12_500, 95, 5);
        triton(OK, variantB, 5_000, 60, 0);
        triton(MAX, variantA, 5_000, 30, 0);
        triton(MAX_HIGH, variantA, 5_000, 30, 0);
        triton(STALE, variantC, 5_000, 30, 0);
        target.kubeStateMetrics()
                .gauge("kube_deployment_status_replicas_ready", Map.of("namespace", NS, "deployment", workload(RISK)),
                        2)
                .gauge("kube_deployment_status_replicas_ready", Map.of("namespace", NS, "deployment", workload(OK)),
                        1)
                .gauge("kube_deployment_status_replicas_ready", Map.of("namespace", NS, "deployment", workload(MAX)),
                        1);
        prometheus = PrometheusServer.start(target);

        cluster = cluster(prometheus.url());
        // Nothing listens on the discard port: every query there is refused.
        downCluster = cluster("http://127.0.0.1:9");
        deployment(RISK, modelA, cluster, "OBSERVED", 40, 10);
        deployment(OK, modelB, cluster, "DECLARED", 50, 20);
        deployment(MAX, modelA, cluster, "MAX", 20, 20);
        deployment(MAX_HIGH, modelA, cluster, "MAX", 500, 20);
        deployment(NONE, modelA, cluster, "OBSERVED", 40, 20);
        deployment(DOWN, modelA, downCluster, "OBSERVED", 40, 20);
        deployment(STALE, modelC, cluster, "OBSERVED", 40, 20);
        stalenessModel = modelC;
        // 20 samples: every 5 s rate of the 10 s demand window starts after a pod's first sample.
        for (String d : List.of(RISK, OK, MAX, MAX_HIGH, STALE)) {
            prometheus.awaitSamples("up{modelfleet_io_deployment=\"" + d + "\"}", 20);
        }
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
            target.close();
        }
    }

    private static String workload(String deployment) {
        return ObjectNames.workload(deployment, Precision.INT8, HW);
    }

    private static void triton(String deployment, String variant, double p99Micros, double successes,
            double failures) {
        target.pod(NS, deployment + "-a", deployment, workload(deployment), variant).endpoint()
                .summary("nv_inference_request_summary_us", Map.of("model", "bert"), Map.of(0.99, p99Micros))
                .counter("nv_inference_request_success", Map.of("model", "bert"), successes)
                .counter("nv_inference_request_failure", Map.of("model", "bert"), failures);
    }

    private static String variant(String model) {
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", HW));
        body.put("benchmarks", List.of(Map.of("hardware", HW, "batchSize", 8, "p99LatencyMs", 7.1,
                "throughputRps", 70, "acceleratorsPerReplica", 1, "vcpusPerReplica", 2, "memoryGiBPerReplica", 4,
                "source", "MEASURED")));
        return operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
    }

    private static String cluster(String prometheusUrl) {
        String name = unique("obs");
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-east-1", HW));
        body.put("metrics", Map.of("prometheusUrl", prometheusUrl));
        // A loopback Prometheus is admin only.
        admin().body(body).put("/api/v1/clusters/" + name).then().statusCode(201);
        return name;
    }

    private static void deployment(String name, String model, String cluster, String source, double rps,
            double p99) {
        operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", p99),
                "demandSource", source, "demand", List.of(Map.of("cluster", cluster, "rps", rps))))
                .put("/api/v1/deployments/" + name).then().statusCode(oneOf(200, 201));
    }

    private static JsonPath plan(String... deployments) {
        return operator().body(Map.of("deployments", List.of(deployments))).post("/api/v1/plans").then()
                .statusCode(201).extract().jsonPath();
    }

    private static Map<String, Object> demandRow(JsonPath plan, String deployment) {
        return plan.getMap("demand.find { it.deployment == '" + deployment + "' }");
    }

    private static Map<String, Object> placement(JsonPath plan, String deployment) {
        return plan.getMap("placements.find { it.deployment == '" + deployment + "' }");
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    @Test
    void observedDemandIsTheInjectedRateOfEveryWorkloadOfTheDeployment() {
        ObservedDemand.Rate rate = observedDemand.observe(new ObservedDemand.Target(RISK, cluster, NS,
                QueryRuntime.TRITON, new MetricsSource(prometheus.url(), null)));
        assertTrue(rate.observed(), rate.note());
        assertEquals(100, rate.rps(), 2.0);
        assertEquals("quantile_over_time(0.95, (sum(rate(nv_inference_request_success{namespace=\"default\","
                + "modelfleet_io_deployment=\"" + RISK + "\"}[5s])) + sum(rate(nv_inference_request_failure{"
                + "namespace=\"default\",modelfleet_io_deployment=\"" + RISK + "\"}[5s])))[10s:1s])",
                observedDemand.query(new ObservedDemand.Target(RISK, cluster, NS, QueryRuntime.TRITON, null)));
    }

    @Test
    void aPlanOnObservedDemandPlansForTheObservedRateAndRecordsIt() {
        JsonPath plan = plan(RISK, OK);
        Map<String, Object> risk = demandRow(plan, RISK);
        assertEquals("OBSERVED", risk.get("source"));
        assertEquals(40.0, number(risk, "declaredRps"));
        assertEquals(100, number(risk, "observedRps"), 2.0);
        assertEquals(number(risk, "observedRps"), number(risk, "usedRps"));
        assertNull(risk.get("note"));
        // ceil(~100 / 70) = 2 replicas; the declared 40 rps would need 1.
        assertEquals(2, placement(plan, RISK).get("replicas"));
        Map<String, Object> ok = demandRow(plan, OK);
        assertEquals("DECLARED", ok.get("source"));
        assertEquals(50.0, number(ok, "usedRps"));
        assertTrue(ok.containsKey("observedRps") && ok.get("observedRps") == null, "observedRps is shown as null");
        assertEquals(1, placement(plan, OK).get("replicas"));
    }

    @Test
    void maxPlansForTheLargerOfObservedAndDeclared() {
        JsonPath plan = plan(MAX, MAX_HIGH);
        Map<String, Object> observedWins = demandRow(plan, MAX);
        assertEquals("MAX", observedWins.get("source"));
        assertEquals(30, number(observedWins, "observedRps"), 0.6);
        assertEquals(number(observedWins, "observedRps"), number(observedWins, "usedRps"));
        Map<String, Object> declaredWins = demandRow(plan, MAX_HIGH);
        assertEquals(30, number(declaredWins, "observedRps"), 0.6);
        assertEquals(500.0, number(declaredWins, "usedRps"));
        // ceil(500 / 70) = 8 replicas.
        assertEquals(8, placement(plan, MAX_HIGH).get("replicas"));
    }

    @Test
    void nothingObservedOrAFailedQueryPlansOnDeclaredDemandAndSaysWhy() {
        JsonPath plan = plan(NONE, DOWN);
        Map<String, Object> none = demandRow(plan, NONE);
        assertEquals(40.0, number(none, "usedRps"));
        assertNull(none.get("observedRps"));
        assertEquals("nothing observed: no TRITON request series of deployment '" + NONE + "' in namespace"
                + " 'default' on cluster " + cluster + " within 10s: declared demand used", none.get("note"));
        Map<String, Object> down = demandRow(plan, DOWN);
        assertEquals(40.0, number(down, "usedRps"));
        assertNull(down.get("observedRps"));
        String note = (String) down.get("note");
        assertTrue(note.startsWith("observed demand query failed (cluster " + downCluster
                + ": Prometheus unreachable") && note.endsWith("): declared demand used"), note);
        assertTrue(!note.contains("127.0.0.1"), "the address is withheld: " + note);
    }

    @Test
    void aPlanOnObservedDemandIsStaleOnlyWhenTheDeclaredDemandChanges() {
        JsonPath planned = plan(STALE);
        assertEquals(30, number(demandRow(planned, STALE), "usedRps"), 0.6);
        deployment(STALE, stalenessModel, cluster, "OBSERVED", 45, 20);
        operator().body(Map.of("planId", planned.getString("id"))).post("/api/v1/rollouts").then().statusCode(409)
                .body("detail", containsString("deployment '" + STALE + "': demand on '" + cluster
                        + "' 40.0 -> 45.0 rps"));
        // Observed demand (30/s) differs from the declared 45 rps, and moves: it is not compared.
        String rollout = operator().body(Map.of("planId", plan(STALE).getString("id"))).post("/api/v1/rollouts")
                .then().statusCode(201).extract().path("id");
        operator().post("/api/v1/rollouts/" + rollout + "/abort").then().statusCode(200);
    }

    @Test
    void usersMayNotSendObservedRows() {
        Map<String, Object> body = new HashMap<>(Fixtures.variant("FP16", HW));
        body.put("benchmarks", List.of(Map.of("hardware", HW, "batchSize", 8, "p99LatencyMs", 7.1,
                "throughputRps", 70, "source", "OBSERVED")));
        operator().body(body).post("/api/v1/models/" + modelA + "/variants").then().statusCode(400)
                .body("errors[0].field", equalTo("benchmarks[0].source"))
                .body("errors[0].message", containsString("recorded by ModelFleet only"));
        operator().body(Map.of("benchmarks", List.of(Map.of("hardware", HW, "batchSize", 16, "p99LatencyMs", 9,
                "throughputRps", 80, "source", "OBSERVED")))).post("/api/v1/models/" + modelA + "/variants/"
                        + variantA + "/benchmarks").then().statusCode(400)
                .body("errors[0].field", equalTo("benchmarks[0].source"));
    }

    @Test
    void runningPlacementsAreRecordedAsObservedRowsBesideTheMeasuredOnesAndFlagTheSloAtRisk() {
        JsonPath first = plan(RISK, OK);
        assertNull(placement(first, RISK).get("sloAtRisk"), "nothing observed of it yet");
        running(first, RISK, variantA);
        running(first, OK, variantB);
        // A second deployment of the same variant on the same hardware, at its own load and latency.
        running(plan(MAX), MAX, variantA);
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        assertTrue(recorder.recordAll() >= 3);

        JsonPath a = operator().get("/api/v1/models/" + modelA + "/variants/" + variantA).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, a.getList("benchmarks").size(), "the MEASURED row and one OBSERVED row per placement");
        Map<String, Object> measured = a.getMap("benchmarks[0]");
        assertEquals(Map.of("hardware", HW, "batchSize", 8, "p99LatencyMs", 7.1f, "throughputRps", 70.0f,
                "acceleratorsPerReplica", 1, "vcpusPerReplica", 2.0f, "memoryGiBPerReplica", 4.0f,
                "source", "MEASURED", "concurrency", 1), measured);
        Map<String, Object> observed = a.getMap("benchmarks.find { it.deployment == '" + RISK + "' }");
        assertEquals("OBSERVED", observed.get("source"));
        assertEquals(cluster, observed.get("cluster"));
        Map<String, Object> maxRow = a.getMap("benchmarks.find { it.deployment == '" + MAX + "' }");
        assertEquals(5.0, number(maxRow, "p99LatencyMs"), 1e-9, "max's own pods, not risk's 12.5 ms");
        assertEquals(30, number(maxRow, "loadRps"), 0.3);
        assertEquals(8, observed.get("batchSize"));
        assertEquals(12.5, number(observed, "p99LatencyMs"), 1e-9);
        assertEquals(50, number(observed, "throughputRps"), 0.5);
        assertEquals(100, number(observed, "loadRps"), 1.0);
        assertEquals(5, observed.get("windowSeconds"));
        assertEquals(1, observed.get("acceleratorsPerReplica"), "resources repeat the planned row's");
        OffsetDateTime at = OffsetDateTime.parse((String) observed.get("observedAt"));
        assertTrue(at.isAfter(before) && at.isBefore(OffsetDateTime.now(ZoneOffset.UTC)), at.toString());
        // The list view (VariantMapper) and the single GET (plain SQL) answer the same.
        assertEquals(a.getList("benchmarks"), operator().get("/api/v1/models/" + modelA + "/variants").then()
                .statusCode(200).extract().jsonPath().getList("items.find { it.id == '" + variantA
                        + "' }.benchmarks"));

        // A second recording updates each placement's OBSERVED row; the MEASURED row stays as it was.
        assertTrue(recorder.recordAll() >= 3);
        JsonPath again = operator().get("/api/v1/models/" + modelA + "/variants/" + variantA).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(3, again.getList("benchmarks").size());
        assertEquals(measured, again.getMap("benchmarks[0]"));

        JsonPath next = plan(RISK, OK);
        Map<String, Object> risk = placement(next, RISK);
        assertEquals(7.1f, risk.get("p99LatencyMs"), "planned on the MEASURED row, never the OBSERVED one");
        @SuppressWarnings("unchecked")
        Map<String, Object> flag = (Map<String, Object>) risk.get("sloAtRisk");
        assertNotNull(flag, "observed p99 12.5 ms > SLO 10 ms and ~50 < 70 x 0.8 = 56 requests/s per replica");
        assertEquals(12.5, number(flag, "observedP99Ms"), 1e-9);
        assertEquals(10.0, number(flag, "sloP99Ms"));
        assertEquals(50, number(flag, "observedRpsPerReplica"), 0.5);
        assertEquals(70.0, number(flag, "plannedRpsPerReplica"));
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) flag.get("reasons");
        assertEquals(2, reasons.size(), reasons.toString());
        assertEquals("observed p99 12.5 ms exceeds the SLO's 10.0 ms", reasons.get(0));
        assertTrue(reasons.get(1).startsWith("observed ") && reasons.get(1).endsWith(" requests/s per replica is"
                + " more than 20% below the planned row's 70.0"), reasons.get(1));
        @SuppressWarnings("unchecked")
        Map<String, Object> window = (Map<String, Object>) flag.get("window");
        assertEquals(5, window.get("seconds"));
        assertNotNull(window.get("end"));
        // ok: p99 5 ms <= 20 ms and ~60 >= 56 requests/s per replica.
        assertNull(placement(next, OK).get("sloAtRisk"));
        assertNull(placement(plan(MAX), MAX).get("sloAtRisk"), "max's own row: 5 ms within its 20 ms SLO");

        // Re-planned as the continuous-placement loop plans (design 006, I4): the running option is no option.
        JsonPath replanned = operator().body(Map.of("deployments", List.of(RISK), "replanAtRisk", true))
                .post("/api/v1/plans").then().statusCode(201).extract().jsonPath();
        List<Map<String, Object>> options = operator().get("/api/v1/plans/" + replanned.getString("id")
                + "/alternatives?deployment=" + RISK + "&size=500").then().statusCode(200).extract().jsonPath()
                .getList("items");
        List<Map<String, Object>> atRisk = options.stream().filter(o -> "SLO_AT_RISK".equals(o.get("rule")))
                .toList();
        assertEquals(List.of(variantA), atRisk.stream().map(o -> o.get("variantId")).distinct().toList());
        assertTrue(((String) atRisk.get(0).get("reason")).startsWith("SLO at risk: observed p99 12.5 ms exceeds the"
                + " SLO's 10.0 ms"), atRisk.toString());
        Map<String, Object> moved = placement(replanned, RISK);
        assertTrue(moved == null || !variantA.equals(moved.get("variantId"))
                || !risk.get("pool").equals(moved.get("pool")), "not placed on the option at risk: " + moved);

        // A rollout changing ok on the cluster: its row is not refreshed while old and new pods may be mixed.
        String okRow = "SELECT observed_at FROM benchmark WHERE observed AND observed_deployment = $1";
        OffsetDateTime okBefore = observedAt(okRow, OK);
        OffsetDateTime maxBefore = observedAt(okRow, MAX);
        String rollout = operator().body(Map.of("planId", next.getString("id"))).post("/api/v1/rollouts").then()
                .statusCode(201).extract().path("id");
        recorder.recordAll();
        assertEquals(okBefore, observedAt(okRow, OK), "not recorded during the rollout");
        assertTrue(observedAt(okRow, MAX).isAfter(maxBefore), "max is not in that rollout and is recorded");
        operator().post("/api/v1/rollouts/" + rollout + "/abort").then().statusCode(200);
        recorder.recordAll();
        assertEquals(okBefore, observedAt(okRow, OK), "ABORTING is not over yet");
        for (int i = 0; i < 50 && !operator().get("/api/v1/rollouts/" + rollout).then().extract().path("status")
                .equals("ABORTED"); i++) {
            engine.claim();
            engine.drive(UUID.fromString(rollout), 5);
        }
        operator().get("/api/v1/rollouts/" + rollout).then().body("status", equalTo("ABORTED"));
        recorder.recordAll();
        assertTrue(observedAt(okRow, OK).isAfter(okBefore), "recorded again once the rollout ended");

        // Rows older than max-age (1h) are ignored by plans, and deleted by the next recording pass; a placement
        // still running is recorded afresh, one that stopped is not.
        pool.preparedQuery("UPDATE benchmark SET observed_at = observed_at - interval '2 hours' WHERE observed")
                .execute().await().atMost(Duration.ofSeconds(10));
        assertNull(placement(plan(RISK), RISK).get("sloAtRisk"), "an aged row is no evidence");
        pool.preparedQuery("DELETE FROM running_placement WHERE deployment = $1").execute(Tuple.of(RISK)).await()
                .atMost(Duration.ofSeconds(10));
        recorder.recordAll();
        JsonPath aged = operator().get("/api/v1/models/" + modelA + "/variants/" + variantA).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("MEASURED", "OBSERVED"), aged.getList("benchmarks.source"));
        assertEquals(MAX, aged.getString("benchmarks[1].deployment"), "risk stopped running: its row aged out");
    }

    private OffsetDateTime observedAt(String sql, String deployment) {
        return pool.preparedQuery(sql).execute(Tuple.of(deployment)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getOffsetDateTime("observed_at");
    }

    /** What a finished rollout records: the placement of {@code plan} now runs on the cluster. */
    /** What the rollout engine records when a cluster completes, batch size included (V18). */
    private void running(JsonPath plan, String deployment, String variant) {
        int batch = plan.getInt("placements.find { it.deployment == '" + deployment + "' }.batchSize");
        pool.preparedQuery("INSERT INTO running_placement (deployment, cluster, rollout_id, plan_id, variant_id,"
                + " precision, hardware, pool, replicas, hourly_cost_usd, updated_at, batch_size)"
                + " VALUES ($1, $2, $3, $4, $5, 'INT8', $6, 'pool-a', 1, 0.526, now(), $7)")
                .execute(Tuple.tuple(List.of(deployment, cluster, UUID.randomUUID(),
                        UUID.fromString(plan.getString("id")), variant, HW, batch)))
                .await().atMost(Duration.ofSeconds(10));
    }
}
