package io.modelfleet.plans;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Plan jobs with two control planes, cancels and the reaper (design 004, I8 and I9). A job of this JVM is owned
 * by its PlanJobs; "another replica" is anything that only reaches the database, as a second control plane does.
 */
@QuarkusTest
class PlanJobRacesTest {

    /**
     * An account no other test gives quotas: clusters of the same account and region that a quota covers are planned
     * as one unit, and other test classes store quotas for us-east-1 in the shared database.
     */
    private static final String ACCOUNT = String.format("%012d",
            java.util.concurrent.ThreadLocalRandom.current().nextLong(100_000_000_000L, 1_000_000_000_000L));

    @Inject
    Pool pool;

    @Inject
    PlanJobs jobs;

    /** Deployments this class made, removed after each test: a plan of every deployment must not meet them. */
    private final List<String> created = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void removeDeployments() {
        pool.preparedQuery("DELETE FROM model_deployment WHERE name = ANY($1)")
                .execute(Tuple.of(created.toArray(new String[0]))).await().indefinitely();
        created.clear();
    }

    /**
     * One cluster (one unit) holding {@code count} deployments whose replicas of odd sizes pack onto big CPU nodes
     * of two prices: CP-SAT finds a plan placing all of them at once but needs well over ten seconds to prove the
     * cheapest (the planning-level CancelStopsRunningSolveTest uses the same fleet).
     */
    private List<String> hardToProve(int count) {
        return hardToProve(count, 1);
    }

    /** As above on {@code clusterCount} such clusters (named to sort first), each deployment on all of them. */
    private List<String> hardToProve(int count, int clusterCount) {
        String m64 = unique("m64");
        String c48 = unique("c48");
        String model = unique("m");
        List<String> clusters = new ArrayList<>();
        for (int c = 0; c < clusterCount; c++) {
            clusters.add(unique("a-hard" + c));
        }
        operator().body(cpu(64, 256, 2.30)).put("/api/v1/hardware-profiles/" + m64).then().statusCode(201);
        operator().body(cpu(48, 96, 1.71)).put("/api/v1/hardware-profiles/" + c48).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        variant(model, "INT8", 75.9, benchmark(m64, 97, 7, 13), benchmark(c48, 83, 5, 11));
        variant(model, "FP32", 76.1, benchmark(m64, 61, 11, 29), benchmark(c48, 53, 9, 7));
        for (String cluster : clusters) {
            operator().body(Map.of("region", "us-east-1", "accountId", ACCOUNT, "nodePools", List.of(
                    Map.of("name", "m", "hardware", m64, "capacityType", "ON_DEMAND", "maxNodes", 200),
                    Map.of("name", "c", "hardware", c48, "capacityType", "ON_DEMAND", "maxNodes", 200))))
                    .put("/api/v1/clusters/" + cluster).then().statusCode(201);
        }
        Random random = new Random(11);
        List<String> names = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            String name = unique("d" + d);
            int rps = 100 + random.nextInt(900);
            operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 10,
                    "minReplicas", 1, "headroom", 0.0), "demand", clusters.stream().map(c -> Map.of("cluster", c,
                            "rps", rps)).toList())).put("/api/v1/deployments/" + name).then().statusCode(201);
            names.add(name);
            created.add(name);
        }
        return names;
    }

    private static Map<String, Object> cpu(int vcpus, int memoryGiB, double price) {
        return Map.of("accelerator", "CPU", "vcpus", vcpus, "memoryGiB", memoryGiB, "precisions",
                List.of("FP32", "INT8"), "offerings", List.of(Map.of("region", "us-east-1", "capacityType",
                        "ON_DEMAND", "hourlyPriceUsd", price)));
    }

    private static Map<String, Object> benchmark(String hardware, int rps, int vcpus, int memoryGiB) {
        return Map.of("hardware", hardware, "batchSize", 1, "p99LatencyMs", 9, "throughputRps", rps,
                "acceleratorsPerReplica", 0, "vcpusPerReplica", vcpus, "memoryGiBPerReplica", memoryGiB);
    }

    @SafeVarargs
    private static void variant(String model, String precision, double accuracy, Map<String, Object>... rows) {
        Map<String, Object> body = new HashMap<>(Fixtures.variant(precision, "unused"));
        body.put("accuracy", accuracy);
        body.put("benchmarks", List.of(rows));
        if ("FP32".equals(precision)) {
            body.put("compression", List.of());
        }
        operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201);
    }

    private static JsonPath awaitDone(String id, Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            JsonPath plan = viewer().get("/api/v1/plans/" + id).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(plan.getString("status"))) {
                return plan;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plan " + id + " still RUNNING after " + within.toSeconds() + " s");
    }

    @Test
    void aCancelRecordedByAnotherReplicaStopsTheJobWhichKeepsItsBestPlan() throws Exception {
        List<String> deployments = hardToProve(150);
        String id = operator().header("Prefer", "respond-async").body(Map.of("deployments", deployments,
                "timeLimitSeconds", 60)).post("/api/v1/plans").then().statusCode(202).extract().path("id");
        // What a second control plane's POST /plans/{id}/cancel writes: the flag only, never this JVM's PlanJobs.
        int flagged = pool.preparedQuery("UPDATE plan SET cancel_requested = true WHERE id = $1 AND status ="
                + " 'RUNNING'").execute(Tuple.of(UUID.fromString(id))).await().indefinitely().rowCount();
        assertEquals(1, flagged, "the job must still run when the cancel is recorded");
        long flaggedAt = System.nanoTime();
        // The 60 s limit gives the planner 54 s; the owner's next heartbeat (1 s) stops the search.
        JsonPath done = awaitDone(id, Duration.ofSeconds(15));
        double seconds = (System.nanoTime() - flaggedAt) / 1e9;
        assertTrue(seconds < 15, "ended " + seconds + " s after the cancel");
        assertEquals("FEASIBLE", done.getString("status"), "a stopped search is not proven optimal");
        assertEquals(Boolean.TRUE, done.get("cancelled"));
        assertEquals(150, done.getList("placements").size(), "the search's incumbent places every pair");
        assertEquals(0, done.getList("unplaced").size());
        assertTrue(done.getDouble("totalHourlyCostUsd") > 0, done.getString("totalHourlyCostUsd"));
    }

    @Test
    void aCancelThroughTheApiOfAnyReplicaIsRecordedInTheRow() throws Exception {
        List<String> deployments = hardToProve(150);
        String id = operator().header("Prefer", "respond-async").body(Map.of("deployments", deployments,
                "timeLimitSeconds", 60)).post("/api/v1/plans").then().statusCode(202).extract().path("id");
        // Time for the search to find its first plans (at once, then it only tries to prove the cheapest).
        Thread.sleep(3_000);
        operator().post("/api/v1/plans/" + id + "/cancel").then().statusCode(202).body("id", equalTo(id));
        boolean flag = pool.preparedQuery("SELECT cancel_requested FROM plan WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next()
                .getBoolean("cancel_requested");
        assertTrue(flag, "the cancel is in the row, where every control plane reads it");
        JsonPath done = awaitDone(id, Duration.ofSeconds(15));
        assertEquals("FEASIBLE", done.getString("status"));
        assertEquals(Boolean.TRUE, done.get("cancelled"));
        operator().post("/api/v1/plans/" + id + "/cancel").then().statusCode(409)
                .body("detail", equalTo("plan " + id + " is FEASIBLE; only a RUNNING plan can be cancelled"));
    }

    /**
     * Two hard units take the planner's two threads; 120 one-pair units wait behind them. A cancel while the two
     * searches run stops them and keeps what they found (I5, I7): FEASIBLE, the 300 hard pairs placed; the one-pair
     * units not started by the time the job saw the cancel are unplaced for lack of time, and progress counts only
     * the units that ran (I11). A full verify saw every one-pair unit run before the cancel arrived, so their
     * number is read from the result, not assumed.
     */
    @Test
    void aCancelMidSolveKeepsTheBestPlanFoundAndSkipsTheUnitsNotStarted() throws Exception {
        List<String> deployments = new ArrayList<>(hardToProve(150, 2));
        String t4 = unique("t4");
        String model = unique("resnet");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        operator().body(Fixtures.variant("INT8", t4)).post("/api/v1/models/" + model + "/variants").then()
                .statusCode(201);
        List<Map<String, Object>> demand = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String c = unique("c" + i);
            Map<String, Object> body = new java.util.HashMap<>(Fixtures.cluster("us-east-1", t4));
            body.put("accountId", ACCOUNT);
            operator().body(body).put("/api/v1/clusters/" + c).then().statusCode(201);
            demand.add(Map.of("cluster", c, "rps", 3000));
        }
        String small = unique("d");
        operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 20),
                "demand", demand)).put("/api/v1/deployments/" + small).then().statusCode(201);
        created.add(small);
        deployments.add(small);
        String id = operator().header("Prefer", "respond-async").body(Map.of("deployments", deployments,
                "timeLimitSeconds", 60)).post("/api/v1/plans").then().statusCode(202).extract().path("id");
        Thread.sleep(1_500); // the two searches have found their first plans
        operator().post("/api/v1/plans/" + id + "/cancel").then().statusCode(202)
                .body("id", equalTo(id)).body("status", equalTo("RUNNING"));
        JsonPath done = awaitDone(id, Duration.ofSeconds(30));
        assertEquals("FEASIBLE", done.getString("status"), "the searches were stopped, so nothing is proven optimal");
        assertEquals(Boolean.TRUE, done.get("cancelled"));
        List<String> placedDeployments = done.getList("placements.deployment", String.class);
        // How many one-pair units ran before the cancel reached the job (its heartbeat reads it within a second)
        // varies with the machine; the best plan of the stopped searches is kept whatever it is.
        int smallPlaced = (int) placedDeployments.stream().filter(small::equals).count();
        assertEquals(300, placedDeployments.size() - smallPlaced, "the stopped searches' best plans are kept");
        assertEquals(120 - smallPlaced, done.getList("unplaced").size());
        List<String> reasons = done.getList("unplaced.reasons.flatten()", String.class);
        assertTrue(reasons.stream().allMatch(r -> r.startsWith("TIME_LIMIT")), reasons.toString());
        // I11: the last progress counts the units solved (the two searches and the small units that ran), not the
        // ones skipped.
        JsonPath progress = JsonPath.from(pool.preparedQuery("SELECT progress FROM plan WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next()
                .getString("progress"));
        assertEquals(2 + smallPlaced, progress.getInt("unitsSolved"));
        assertEquals(122, progress.getInt("unitsTotal"));
        assertEquals("ALTERNATIVES", progress.getString("phase"));
    }

    @Test
    void aJobReapedWhileItWritesItsResultStaysFailed() throws Exception {
        String t4 = unique("t4");
        String model = unique("resnet");
        String cluster = unique("prod");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        operator().body(Fixtures.variant("INT8", t4)).post("/api/v1/models/" + model + "/variants").then()
                .statusCode(201);
        operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + cluster).then().statusCode(201);
        String d = unique("d");
        operator().body(Fixtures.deployment(model, cluster, 3000)).put("/api/v1/deployments/" + d).then()
                .statusCode(201);
        created.add(d);
        // The reaper runs after the job built its result and before it writes it: the window in which an
        // unconditional write would turn the FAILED plan back into a finished one.
        List<UUID> reapedBeforeWrite = new java.util.concurrent.CopyOnWriteArrayList<>();
        jobs.beforeFinalWrite(job -> {
            int reaped = jobs.reap(Duration.ZERO).await().indefinitely();
            if (reaped > 0) {
                reapedBeforeWrite.add(job);
            }
        });
        try {
            String id = operator().header("Prefer", "respond-async").body(Map.of("deployments", List.of(d)))
                    .post("/api/v1/plans").then().statusCode(202).extract().path("id");
            JsonPath done = awaitDone(id, Duration.ofSeconds(60));
            assertEquals(List.of(UUID.fromString(id)), reapedBeforeWrite);
            Thread.sleep(300); // the job's write, had it been unconditional, lands right after the reap
            viewer().get("/api/v1/plans/" + id).then().statusCode(200).body("status", equalTo("FAILED"))
                    .body("failure", equalTo(PlanJobs.RESTARTED));
            assertEquals("FAILED", done.getString("status"));
            long options = pool.preparedQuery("SELECT count(*) AS n FROM plan_alternatives WHERE plan_id = $1")
                    .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next().getLong("n");
            assertEquals(0, options, "a FAILED plan has no option rows");
        } finally {
            jobs.beforeFinalWrite(job -> {
            });
        }
    }
}
