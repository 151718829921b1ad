package io.modelfleet.metrics;

import static io.modelfleet.analysis.domain.Verdict.FAIL;
import static io.modelfleet.analysis.domain.Verdict.PASS;
import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.rollout.RolloutEngine;
import io.modelfleet.testing.Fixtures;
import io.modelfleet.testing.OffsetClock;
import io.modelfleet.testing.ScriptedStepAnalysis;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * /q/metrics against the real app and PostgreSQL after a plan and rollouts built through the API: the fleet gauges
 * equal the stored plan's figures and what the rollout recorded as running, and the event counters moved by exactly
 * what happened. Other tests share the database, so fleet-wide sums and counters are compared as differences between
 * two scrapes; this test's own deployment is compared absolutely. The fleet figures are read on every scrape in tests
 * ({@code %test.modelfleet.metrics.cache-ttl=0s}); {@link CachedValueTest} covers the cache.
 */
@QuarkusTest
class FleetMetricsTest {

    private static final double EPS = 1e-9;
    private static final Map<String, Object> FAST_KNOBS = Map.of("interval", "30s", "count", 3, "initialDelay", "0s",
            "failureLimit", 0, "inconclusiveLimit", 1, "consecutiveErrorLimit", 4, "minRequests", 50,
            "maxErrorRatio", 0.01, "window", "1m");

    @Inject
    RolloutEngine engine;

    @Inject
    OffsetClock clock;

    /** Two GITOPS clusters on one T4 pool, the first with a metrics source; INT8 and FP32 variants of one model. */
    private record Fleet(String model, String deployment, List<String> clusters, Map<String, Object> deploymentBody) {
    }

    private Fleet fleet() {
        String t4 = unique("t4");
        String model = unique("m");
        String deployment = unique("d");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        variant(model, "1.0.0", "INT8", t4, 1800, "nvcr.io/nvidia/tritonserver:24.08-py3");
        variant(model, "1.0.0", "FP32", t4, 600, "nvcr.io/nvidia/tritonserver:24.08-py3");
        List<String> clusters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = (char) ('a' + i) + "-" + unique("c");
            Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-east-1", t4));
            if (i == 0) {
                body.put("metrics", Map.of("prometheusUrl", "http://prometheus.monitoring:9090",
                        "credentialsRef", "env:MODELFLEET_CLUSTER_METRICS_TEST"));
            }
            admin().body(body).put("/api/v1/clusters/" + name).then().statusCode(201);
            clusters.add(name);
        }
        Map<String, Object> body = new HashMap<>(Map.of("model", model, "version", "1.0.0",
                "slo", Map.of("p99LatencyMs", 50), "analysis", FAST_KNOBS,
                "demand", clusters.stream().map(c -> Map.<String, Object>of("cluster", c, "rps", 3000)).toList()));
        operator().body(body).put("/api/v1/deployments/" + deployment).then().statusCode(201);
        return new Fleet(model, deployment, clusters, body);
    }

    private static void variant(String model, String version, String precision, String hardware, double rps,
            String image) {
        Map<String, Object> body = new HashMap<>(Fixtures.variant(precision, hardware));
        if (precision.equals("FP32")) {
            body.put("compression", List.of()); // the uncompressed variant the fp32Only baseline keeps
        }
        body.put("version", version);
        body.put("image", image);
        body.put("benchmarks", List.of(Map.of("hardware", hardware, "batchSize", 8, "p99LatencyMs", 7.1,
                "throughputRps", rps, "acceleratorsPerReplica", 1, "vcpusPerReplica", 2, "memoryGiBPerReplica", 2)));
        operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201);
    }

    private static JsonPath plan(Fleet f) {
        return exact(operator().body(Map.of("deployments", List.of(f.deployment()))).post("/api/v1/plans").then()
                .statusCode(201).extract().asString());
    }

    private static UUID rollout(String planId) {
        return UUID.fromString(operator().body(Map.of("planId", planId)).post("/api/v1/rollouts").then()
                .statusCode(201).extract().path("id"));
    }

    /** Drives a rollout to its end with scripted measurements, stepping the clock when it waits for one. */
    private JsonPath run(UUID id, ScriptedStepAnalysis script) {
        RolloutEngine scripted = engine.withAnalysis(script);
        for (int i = 0; i < 200; i++) {
            scripted.claim();
            String before = viewer().get("/api/v1/rollouts/" + id).asString();
            scripted.drive(id, 1);
            JsonPath view = exact(viewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().asString());
            if (List.of("SUCCEEDED", "ROLLED_BACK", "ABORTED", "FAILED").contains(view.getString("status"))) {
                return view;
            }
            if (before.equals(viewer().get("/api/v1/rollouts/" + id).asString())) {
                clock.step(Duration.ofSeconds(30));
            }
        }
        throw new AssertionError("rollout " + id + " did not end: " + viewer().get("/api/v1/rollouts/" + id).asString());
    }

    /** Numbers as doubles: RestAssured's default floats would not equal the exported values. */
    private static JsonPath exact(String json) {
        return JsonPath.from(json).using(new io.restassured.path.json.config.JsonPathConfig(
                io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static double placementsCost(JsonPath plan, String deployment) {
        List<Object> costs = plan.getList("placements.findAll { it.deployment == '" + deployment + "' }.hourlyCostUsd");
        return costs.stream().mapToDouble(c -> ((Number) c).doubleValue()).sum();
    }

    @Test
    void costsAndSavingsEqualTheLatestPlanAndThePlanCountsAndSolveTimeMove() {
        Fleet f = fleet();
        Scrape before = Scrape.now();
        JsonPath plan = plan(f);
        Scrape after = Scrape.now();

        double total = plan.getDouble("totalHourlyCostUsd");
        assertTrue(total > 0, "the plan places something");
        // The planned fleet is every deployment at its newest plan: this new deployment adds its cost to it.
        assertEquals(before.valueOrZero("modelfleet_fleet_hourly_cost_usd", "state", "planned") + total,
                after.value("modelfleet_fleet_hourly_cost_usd", "state", "planned"), EPS);
        assertEquals(placementsCost(plan, f.deployment()),
                after.value("modelfleet_deployment_hourly_cost_usd", "deployment", f.deployment(), "state", "planned"),
                EPS);
        assertEquals(total, placementsCost(plan, f.deployment()), EPS, "one deployment: its cost is the plan's");
        assertEquals(0, after.value("modelfleet_latest_plan_unplaced_pairs"));
        for (String baseline : List.of("fp32Only", "singleHardware")) {
            double cost = plan.getDouble("baselines." + baseline + ".totalHourlyCostUsd");
            assertEquals(cost, after.value("modelfleet_latest_plan_baseline_hourly_cost_usd", "baseline", baseline), EPS);
            assertEquals(cost - total, after.value("modelfleet_latest_plan_savings_hourly_usd", "baseline", baseline),
                    EPS);
            assertEquals(plan.getList("baselines." + baseline + ".unplaced").size(),
                    after.value("modelfleet_latest_plan_baseline_unplaced_pairs", "baseline", baseline));
        }
        // 3000 rps: INT8 at 1800 rps per replica needs 2 T4 nodes per cluster, FP32 at 600 needs 5.
        assertEquals(2 * 2 * 0.526, total, EPS);
        assertEquals(2 * 5 * 0.526 - total, after.value("modelfleet_latest_plan_savings_hourly_usd",
                "baseline", "fp32Only"), EPS);
        assertEquals(java.time.OffsetDateTime.parse(plan.getString("createdAt")).toInstant().toEpochMilli() / 1000.0,
                after.value("modelfleet_latest_plan_created_timestamp_seconds"), 1e-3);

        String status = plan.getString("status");
        assertEquals("OPTIMAL", status);
        assertEquals(before.value("modelfleet_plans", "status", "OPTIMAL") + 1,
                after.value("modelfleet_plans", "status", "OPTIMAL"));
        assertEquals(before.value("modelfleet_plans", "status", "FEASIBLE"),
                after.value("modelfleet_plans", "status", "FEASIBLE"));
        assertEquals(before.value("modelfleet_plan_solve_duration_seconds_count", "status", status) + 1,
                after.value("modelfleet_plan_solve_duration_seconds_count", "status", status));
        assertEquals(plan.getLong("stats.solveMillis") / 1000.0,
                after.value("modelfleet_plan_solve_duration_seconds_sum", "status", status)
                        - before.value("modelfleet_plan_solve_duration_seconds_sum", "status", status), 1e-6);
        assertEquals("histogram", after.types.get("modelfleet_plan_solve_duration_seconds"));
        assertTrue(after.has("modelfleet_plan_solve_duration_seconds_bucket", "status", status, "le", "10.0"));
    }

    @Test
    void aPlanOfOneDeploymentMovesOnlyThatDeploymentsPlannedCost() {
        Fleet first = fleet();
        Fleet second = fleet();
        JsonPath both = exact(operator().body(Map.of("deployments", List.of(first.deployment(), second.deployment())))
                .post("/api/v1/plans").then().statusCode(201).extract().asString());
        Scrape planned = Scrape.now();
        double firstCost = placementsCost(both, first.deployment());
        assertEquals(firstCost, planned.value("modelfleet_deployment_hourly_cost_usd", "deployment",
                first.deployment(), "state", "planned"), EPS);

        // Only the second is planned again, with twice the demand: the first keeps its cost from the plan of both.
        Map<String, Object> body = new HashMap<>(second.deploymentBody());
        body.put("demand", second.clusters().stream().map(c -> Map.<String, Object>of("cluster", c, "rps", 6000))
                .toList());
        operator().body(body).put("/api/v1/deployments/" + second.deployment()).then().statusCode(200);
        JsonPath alone = plan(second);
        Scrape after = Scrape.now();
        assertEquals(firstCost, after.value("modelfleet_deployment_hourly_cost_usd", "deployment",
                first.deployment(), "state", "planned"), EPS, "a plan that did not plan it leaves it as planned");
        double secondBefore = placementsCost(both, second.deployment());
        double secondAfter = placementsCost(alone, second.deployment());
        assertTrue(secondAfter > secondBefore, "twice the demand costs more");
        assertEquals(secondAfter, after.value("modelfleet_deployment_hourly_cost_usd", "deployment",
                second.deployment(), "state", "planned"), EPS);
        assertEquals(planned.value("modelfleet_fleet_hourly_cost_usd", "state", "planned") - secondBefore
                + secondAfter, after.value("modelfleet_fleet_hourly_cost_usd", "state", "planned"), 1e-6);
        // The latest-plan gauges describe the newest plan, the one of the second deployment alone.
        assertEquals(alone.getDouble("baselines.singleHardware.totalHourlyCostUsd"), after.value(
                "modelfleet_latest_plan_baseline_hourly_cost_usd", "baseline", "singleHardware"), EPS);
    }

    @Test
    void everySeriesOfAClosedLabelSetIsThereAtZeroBeforeItsFirstEvent() {
        Scrape s = Scrape.now();
        for (String reason : List.of("ANALYSIS_FAILED", "GATE_TIMEOUT", "ROLLING_BACK", "ABORTED", "UNKNOWN")) {
            assertTrue(s.has("modelfleet_rollbacks_total", "reason", reason), reason);
        }
        for (String verdict : List.of("PASS", "FAIL", "INCONCLUSIVE", "ERROR", "NOT_APPLICABLE")) {
            assertTrue(s.has("modelfleet_analysis_measurements_total", "check", "availability", "verdict", verdict),
                    verdict);
        }
        assertTrue(s.has("modelfleet_rollout_step_duration_seconds_count", "action", "RETIRE", "status", "failed"));
        assertTrue(s.has("modelfleet_rollouts_needing_attention"));
    }

    @Test
    void aRolloutRecordsWhatRunsCountsItsMeasurementsAndARollbackCountsItsReason() throws Exception {
        Fleet f = fleet();
        JsonPath plan = plan(f);
        double planned = placementsCost(plan, f.deployment());
        Scrape before = Scrape.now();
        assertTrue(!before.has("modelfleet_deployment_hourly_cost_usd", "deployment", f.deployment(), "state",
                "running"), "no series for a deployment that runs nowhere");

        JsonPath done = run(rollout(plan.getString("id")), available().then(PASS).then(PASS).then(PASS));
        assertEquals("SUCCEEDED", done.getString("status"));
        Scrape succeeded = Scrape.now();
        assertEquals(planned, succeeded.value("modelfleet_deployment_hourly_cost_usd", "deployment", f.deployment(),
                "state", "running"), EPS);
        assertEquals(before.value("modelfleet_fleet_hourly_cost_usd", "state", "running") + planned,
                succeeded.value("modelfleet_fleet_hourly_cost_usd", "state", "running"), EPS);
        assertEquals(before.value("modelfleet_rollouts", "status", "SUCCEEDED") + 1,
                succeeded.value("modelfleet_rollouts", "status", "SUCCEEDED"));
        assertEquals(before.value("modelfleet_rollouts", "status", "RUNNING"),
                succeeded.value("modelfleet_rollouts", "status", "RUNNING"));
        // Three measurements of the canary, each with three checks; the second cluster has no metrics source.
        for (String check : List.of("p99", "errorRatio", "requests")) {
            assertEquals(3, delta(before, succeeded, "modelfleet_analysis_measurements_total", "check", check,
                    "verdict", "PASS"), check);
        }
        assertEquals(0, delta(before, succeeded, "modelfleet_analysis_measurements_total", "verdict", "FAIL"));
        int upserts = done.getList("clusters.steps.flatten().findAll { it.action == 'UPSERT' && it.status == 'DONE' }")
                .size();
        assertEquals(2, upserts, "one UPSERT step per cluster");
        assertEquals(upserts, delta(before, succeeded, "modelfleet_rollout_step_duration_seconds_count",
                "action", "UPSERT", "status", "done"));
        // The canary waited for three measurements 30 s apart on the stepped clock: at least a minute.
        assertTrue(delta(before, succeeded, "modelfleet_rollout_step_duration_seconds_sum", "action", "UPSERT",
                "status", "done") >= 60, "step durations on the engine's clock");

        // A new version whose second canary measurement fails: the canary is rolled back, the second wave skipped.
        variant(f.model(), "1.1.0", "INT8", plan.getString("placements[0].hardware"), 1800,
                "nvcr.io/nvidia/tritonserver:24.09-py3");
        Map<String, Object> body = new HashMap<>(f.deploymentBody());
        body.put("version", "1.1.0");
        operator().body(body).put("/api/v1/deployments/" + f.deployment()).then().statusCode(200);
        JsonPath upgrade = plan(f);
        JsonPath rolledBack = run(rollout(upgrade.getString("id")), available().then(PASS).then(FAIL));
        assertEquals("ROLLED_BACK", rolledBack.getString("status"));
        Scrape after = Scrape.now();
        assertEquals(1, delta(succeeded, after, "modelfleet_rollbacks_total", "reason", "ANALYSIS_FAILED"));
        assertEquals(1, delta(succeeded, after, "modelfleet_analysis_measurements_total", "check", "p99",
                "verdict", "FAIL"));
        assertEquals(5, delta(succeeded, after, "modelfleet_analysis_measurements_total", "verdict", "PASS"),
                "the first measurement's three checks, then errorRatio and requests of the second");
        assertEquals(1, delta(succeeded, after, "modelfleet_rollout_step_duration_seconds_count", "action", "UPSERT",
                "status", "failed"));
        assertEquals(succeeded.value("modelfleet_rollouts", "status", "ROLLED_BACK") + 1,
                after.value("modelfleet_rollouts", "status", "ROLLED_BACK"));
        assertEquals(planned, after.value("modelfleet_deployment_hourly_cost_usd", "deployment", f.deployment(),
                "state", "running"), EPS, "the rolled-back canary still runs 1.0.0, at the same cost");
        assertEquals(placementsCost(upgrade, f.deployment()), after.value("modelfleet_deployment_hourly_cost_usd",
                "deployment", f.deployment(), "state", "planned"), EPS);

        // After a plan, a rollout, a rollback and measurements every family has been registered: each named one is
        // exported with its type (what docs/operations.md and the Grafana dashboard are checked against).
        java.util.Map<String, String> declared = new java.util.TreeMap<>();
        MetricNames.ALL.forEach((name, family) -> declared.put(name, family.type()));
        assertEquals(declared, exportedFamilies(after), "every modelfleet_ family, by the name PromQL uses");
        for (Scrape.Sample sample : after.samples) {
            String family = MetricNames.ALL.keySet().stream().filter(sample.name()::startsWith).findFirst().orElse(null);
            if (family != null) {
                java.util.Set<String> allowed = new java.util.HashSet<>(MetricNames.ALL.get(family).labels());
                allowed.add("le");
                assertTrue(allowed.containsAll(sample.labels().keySet()), sample + " has only the labels of " + family);
            }
        }
        assertTrue(after.has("modelfleet_latest_plan_baseline_hourly_cost_usd", "baseline", "fp32Only"));
        assertTrue(!after.has("modelfleet_latest_plan_savings_hourly_usd", "baseline", "fp32Only"),
                "1.1.0 has no FP32 variant: fp32Only places nothing, and a saving against it would mean nothing");
    }

    /**
     * A GITOPS step's gate asks the analysis for kube-state-metrics availability first (not a committed measurement);
     * the canary's workload is available at once.
     */
    private ScriptedStepAnalysis available() {
        return new ScriptedStepAnalysis(clock).then(List.of(ScriptedStepAnalysis.check("availability", 2.0, PASS,
                "2 of 2 replicas available")));
    }

    /**
     * The scrape's modelfleet_ families by the name queries use, with their type: a counter's samples carry
     * {@code _total} (its TYPE line does not), and Micrometer's {@code _max} companion of a histogram is left out.
     */
    static java.util.Map<String, String> exportedFamilies(Scrape s) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        s.types.forEach((name, type) -> {
            if (!name.startsWith("modelfleet_") || name.endsWith("_max")
                    && "histogram".equals(s.types.get(name.substring(0, name.length() - 4)))) {
                return;
            }
            out.put(type.equals("counter") ? name + "_total" : name, type);
        });
        return out;
    }

    /** How much the samples of {@code name} matching {@code labels}, summed, grew from one scrape to the next. */
    private static double delta(Scrape from, Scrape to, String name, String... labels) {
        return sum(to, name, labels) - sum(from, name, labels);
    }

    private static double sum(Scrape s, String name, String... labels) {
        return s.matching(name, labels).stream().mapToDouble(Scrape.Sample::value).sum();
    }
}
