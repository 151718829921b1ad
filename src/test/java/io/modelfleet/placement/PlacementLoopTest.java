package io.modelfleet.placement;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.placement.service.PlacementLease;
import io.modelfleet.placement.service.PlacementLoop;
import io.modelfleet.testing.SteppedClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The re-planning loop against the real database and planner (design 006): one evaluator at a time behind a fenced
 * lease (I6), triggers consumed by the evaluation that saw them, recommendations that stabilize before they open
 * (I4), accepted once (I7), dismissed until their inputs change (I8), superseded when the saving goes away.
 * Each test has loops of its own with a clock it steps, started after every lease and evaluation already stored, so
 * the tests share one database without waiting on each other's leases.
 */
@QuarkusTest
class PlacementLoopTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @Inject
    Pool pool;

    @Inject
    PlacementLoop loop;

    @Inject
    io.modelfleet.placement.service.AutoRollouts autoRollouts;

    /** A clock after every stored lease expiry and evaluation, so a fresh loop can lead and is due at once. */
    private SteppedClock freshClock() {
        Row r = pool.query("SELECT GREATEST(now(), (SELECT max(expires_at) FROM placement_lease),"
                + " (SELECT max(evaluated_at) FROM placement_evaluation)) AS after").execute().await().indefinitely()
                .iterator().next();
        return new SteppedClock(r.getOffsetDateTime("after").toInstant().plus(Duration.ofHours(1)));
    }

    private PlacementLoop replica(String name, SteppedClock clock) {
        return loop.withInstance(name + "-" + UUID.randomUUID().toString().substring(0, 8), clock);
    }

    /** The deployment's recommendations, every status, newest first. */
    private List<Map<String, Object>> recommendations(String deployment) {
        return viewer().queryParam("status", "ALL").queryParam("deployment", deployment).get("/api/v1/recommendations")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private Map<String, Object> only(String deployment) {
        List<Map<String, Object>> all = recommendations(deployment);
        assertEquals(1, all.size(), "one recommendation for " + deployment + ": " + all);
        return all.get(0);
    }

    private static void evaluated(PlacementLoop.Pass pass) {
        assertEquals(PlacementLoop.Outcome.EVALUATED, pass.outcome(), "the loop evaluated");
    }

    /** Four evaluations 5 minutes apart: the same proposal for 3 or more evaluations spanning the 15-minute window. */
    private void stabilize(PlacementLoop a, SteppedClock clock) {
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                clock.step(INTERVAL);
            }
            evaluated(a.evaluateOnce());
        }
    }

    /** Ticks every 10 s for {@code duration} (as the scheduler does), each replica in turn; evaluations per replica. */
    private static int[] tick(Duration duration, SteppedClock clock, PlacementLoop... replicas) {
        int[] evaluations = new int[replicas.length];
        for (long s = 0; s < duration.toSeconds(); s += 10) {
            clock.step(Duration.ofSeconds(10));
            for (int i = 0; i < replicas.length; i++) {
                if (replicas[i].evaluateOnce().outcome() == PlacementLoop.Outcome.EVALUATED) {
                    evaluations[i]++;
                }
            }
        }
        return evaluations;
    }

    @Test
    void oneReplicaEvaluatesPerPeriodAndAnotherTakesOverWhenItsLeaseExpires() {
        SteppedClock clock = freshClock();
        PlacementLoop a = replica("a", clock);
        PlacementLoop b = replica("b", clock);

        evaluated(a.evaluateOnce());
        assertEquals(PlacementLoop.Outcome.NOT_LEADER, b.evaluateOnce().outcome(), "I6: b waits while a leads");
        assertEquals(PlacementLoop.Outcome.NOT_DUE, a.evaluateOnce().outcome(), "nothing is due right after");
        long token = lease().getLong("token");
        assertEquals(List.of(0, 1), java.util.Arrays.stream(tick(INTERVAL, clock, b, a)).boxed().toList(),
                "I6: in one interval, one evaluation, by the leader (b ticking first changes nothing)");
        assertEquals(List.of(2, 0), java.util.Arrays.stream(tick(INTERVAL.multipliedBy(2), clock, a, b)).boxed()
                .toList(), "two intervals, two evaluations");
        assertEquals(a.lease().holder(), lease().getString("holder"));
        assertEquals(token, lease().getLong("token"), "renewals keep the token");

        // a stops renewing (killed): b takes over once the lease has expired, with the next fencing token.
        clock.step(LEASE.minusSeconds(1));
        assertEquals(PlacementLoop.Outcome.NOT_LEADER, b.evaluateOnce().outcome(), "not before the lease expires");
        clock.step(Duration.ofSeconds(1));
        assertEquals(PlacementLoop.Outcome.NOT_DUE, b.evaluateOnce().outcome(), "b leads; the interval has not passed");
        assertEquals(b.lease().holder(), lease().getString("holder"));
        assertEquals(token + 1, lease().getLong("token"), "the takeover moves the token on");
        assertEquals(List.of(1, 0), java.util.Arrays.stream(tick(INTERVAL, clock, b, a)).boxed().toList(),
                "b evaluates when the interval since a's last evaluation has passed; a, back, does not lead");
    }

    @Test
    void aLeaseThatLapsedWhileNobodyTookItIsStillTheHoldersToRenew() {
        // A slow fleet read (Prometheus down, observed-demand queries timing out) outlasts the lease; no other
        // replica took over, so the token is unchanged and the evaluation may still commit.
        SteppedClock clock = freshClock();
        PlacementLoop a = replica("a", clock);
        PlacementLease.Held held = a.lease().acquire().orElseThrow();
        clock.step(LEASE.plusSeconds(20));
        PlacementLease.Held renewed = a.lease().renew(held);
        assertEquals(held.token(), renewed.token());
        assertEquals(1, pool.withTransaction(tx -> a.lease().fence(tx, renewed).replaceWith(1)).await().indefinitely());
        // Once another replica takes it, the token moves and the old holder is refused (next test).
        PlacementLease.Held taken = replica("b", clock).lease().acquire().orElse(null);
        assertEquals(null, taken, "renewed: not free for b");
    }

    @Test
    void aStaleHoldersWriteIsRefusedAndLeavesNothing() {
        SteppedClock clock = freshClock();
        PlacementLoop a = replica("a", clock);
        PlacementLoop b = replica("b", clock);
        PlacementLease.Held stale = a.lease().acquire().orElseThrow();
        clock.step(LEASE.plusSeconds(1));
        PlacementLease.Held current = b.lease().acquire().orElseThrow();
        assertEquals(stale.token() + 1, current.token());

        long before = evaluationsStored();
        assertThrows(PlacementLease.LeaseLost.class, () -> pool.withTransaction(tx -> a.lease().fence(tx, stale)
                .chain(() -> tx.preparedQuery("INSERT INTO placement_evaluation (evaluated_at, holder, lease_token,"
                        + " cause, units_solved, units_reused, millis, proposals, created, advanced, superseded,"
                        + " triggers_consumed) VALUES (now(), $1, $2, 'stale', 0, 0, 0, 0, 0, 0, 0, 0)")
                        .execute(Tuple.of(a.lease().holder(), stale.token())))).await().indefinitely(),
                "I6: the fence refuses a write under the old token");
        assertEquals(before, evaluationsStored(), "nothing of it was committed");
        assertThrows(PlacementLease.LeaseLost.class, () -> a.lease().renew(stale), "nor can it renew");
        assertEquals(PlacementLoop.Outcome.NOT_LEADER, a.evaluateOnce().outcome());
    }

    @Test
    void eventsTriggerAnEvaluationAfterTheMinimumGapAndAreConsumedByIt() {
        SteppedClock clock = freshClock();
        PlacementLoop a = replica("a", clock);
        evaluated(a.evaluateNow("test: a first evaluation"));
        PlacementFixture f = new PlacementFixture();
        long triggers = pendingTriggers();
        assertEquals(5, triggers, "the fixture's writes fired triggers: 2 profiles, 2 variants, a deployment");

        clock.step(Duration.ofSeconds(9));
        assertEquals(PlacementLoop.Outcome.NOT_DUE, a.evaluateOnce().outcome(), "within the 10 s minimum gap");
        clock.step(Duration.ofSeconds(1));
        PlacementLoop.Pass pass = a.evaluateOnce();
        evaluated(pass);
        assertEquals(triggers + " triggers", pass.evaluation().cause());
        assertEquals(triggers, pass.evaluation().triggersConsumed());
        assertEquals(0, pendingTriggers(), "consumed in the evaluation's transaction");
        clock.step(Duration.ofSeconds(30));
        assertEquals(PlacementLoop.Outcome.NOT_DUE, a.evaluateOnce().outcome(), "no triggers left, interval not due");

        JsonPath status = operator().get("/api/v1/recommendations/status").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(a.lease().holder(), status.getString("leaseHolder"));
        assertEquals(0, status.getInt("pendingTriggers"));
        assertEquals(triggers + " triggers", status.getString("lastEvaluation.cause"));
        assertEquals((int) triggers, status.getInt("lastEvaluation.triggersConsumed"));
        assertNotNull(f.deployment);
    }

    @Test
    void aCheaperPoolIsPendingFirstAndOpensAfterTheWindowWithTodaysNumbers() {
        PlacementFixture f = new PlacementFixture().runningOnGpu(pool);
        f.cpuPrice(0.1);
        SteppedClock clock = freshClock();
        PlacementLoop a = replica("a", clock);

        evaluated(a.evaluateOnce());
        Map<String, Object> r = only(f.deployment);
        assertEquals("PENDING", r.get("status"), "I4: not listed before it stabilizes");
        assertEquals(1, r.get("consecutiveEvaluations"));
        assertTrue(viewer().queryParam("deployment", f.deployment).get("/api/v1/recommendations").then()
                .statusCode(200).extract().jsonPath().getList("items").isEmpty(), "the default list shows OPEN only");
        clock.step(INTERVAL);
        evaluated(a.evaluateOnce());
        assertEquals("PENDING", only(f.deployment).get("status"), "2 of 3 evaluations");
        clock.step(INTERVAL);
        evaluated(a.evaluateOnce());
        assertEquals("PENDING", only(f.deployment).get("status"), "3 evaluations, but only 10 of the 15 minutes");
        clock.step(INTERVAL.minusSeconds(1));
        evaluated(a.evaluateNow("test"));
        assertEquals("PENDING", only(f.deployment).get("status"), "4 evaluations, 1 s short of the window");
        clock.step(Duration.ofSeconds(1));
        evaluated(a.evaluateNow("test"));

        JsonPath open = viewer().queryParam("deployment", f.deployment).get("/api/v1/recommendations").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, open.getList("items").size());
        assertEquals("OPEN", open.getString("items[0].status"));
        assertEquals(5, open.getInt("items[0].consecutiveEvaluations"));
        assertNotNull(open.getString("items[0].openedAt"));
        // I5: keeping the GPU node today costs 0.526 $/h; one INT8 replica fits one 0.1 $/h CPU node.
        assertEquals(0.526, open.getDouble("items[0].currentHourlyCostUsd"), 1e-9);
        assertEquals(0.1, open.getDouble("items[0].proposedHourlyCostUsd"), 1e-9);
        assertEquals(0.426, open.getDouble("items[0].savingsHourlyUsd"), 1e-9);
        assertEquals(310.98, open.getDouble("items[0].savingsMonthlyUsd"), 1e-9);
        assertEquals(0.8099, open.getDouble("items[0].savingsFraction"), 1e-9);
        assertEquals(0.8099, open.getDouble("items[0].score"), 1e-9, "savings fraction / 1 of 1 replica replaced");
        assertEquals(Map.of("replicasReplaced", 1, "hardwareSwitches", 1, "clustersTouched", 1, "replicasRunning", 1),
                open.getMap("items[0].disruption"));
        assertEquals(f.cluster, open.getString("items[0].changes[0].cluster"));
        assertEquals(f.gpuVariant, open.getString("items[0].changes[0].from.variantId"));
        assertEquals("gpu", open.getString("items[0].changes[0].from.pool"));
        assertEquals(f.cpuVariant, open.getString("items[0].changes[0].to.variantId"));
        assertEquals("cpu", open.getString("items[0].changes[0].to.pool"));
        assertEquals("INT8", open.getString("items[0].changes[0].to.precision"));
        assertEquals(1, open.getInt("items[0].changes[0].to.replicas"));
        assertTrue(open.getList("items[0].reasons").contains("on-demand price of " + f.cpu + " in us-east-1 fell 95%"
                + " since the running plan (2 to 0.1 $/h)"), "reasons in words: " + open.getList("items[0].reasons"));
        assertEquals(false, open.getBoolean("items[0].urgent"));
        // autoRollout NEVER (the default): the loop starts nothing by itself; it stays OPEN for a person.
        clock.step(INTERVAL);
        evaluated(a.evaluateOnce());
        viewer().get("/api/v1/recommendations/" + open.getString("items[0].id")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("OPEN"))
                .body("rolloutId", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void acceptStartsOneRolloutAndASecondAcceptIsAConflictNamingIt() {
        PlacementFixture f = new PlacementFixture().runningOnGpu(pool);
        f.cpuPrice(0.1);
        SteppedClock clock = freshClock();
        PlacementLoop a = replica("a", clock);
        stabilize(a, clock);
        String id = (String) only(f.deployment).get("id");
        assertEquals("OPEN", only(f.deployment).get("status"));

        JsonPath accepted = operator().post("/api/v1/recommendations/" + id + "/accept").then().statusCode(201)
                .header("Location", containsString("/api/v1/rollouts/")).extract().jsonPath();
        String rollout = accepted.getString("rollout.id");
        assertEquals("ACCEPTED", accepted.getString("recommendation.status"));
        assertEquals(rollout, accepted.getString("recommendation.rolloutId"));
        assertNotNull(accepted.getString("recommendation.planId"));
        assertNotNull(accepted.getString("recommendation.decidedBy"));
        assertEquals("RUNNING", accepted.getString("rollout.status"));
        assertEquals(accepted.getString("recommendation.planId"), accepted.getString("rollout.planId"));
        try {
            operator().post("/api/v1/recommendations/" + id + "/accept").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("is ACCEPTED already: rollout " + rollout));
            assertEquals(1, rolloutsOf(f.deployment), "I7: one rollout, however often it is accepted");
            operator().post("/api/v1/recommendations/" + id + "/dismiss").then().statusCode(409)
                    .body("detail", containsString("is ACCEPTED"));

            // While the rollout runs, the same move is not recommended again.
            clock.step(INTERVAL);
            evaluated(a.evaluateOnce());
            assertEquals(1, recommendations(f.deployment).size(), "I7: no new recommendation of the accepted move");
            List<Map<String, Object>> audit = admin().queryParam("resource", "recommendation/" + id)
                    .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items");
            assertEquals(List.of("dismiss 409", "accept 409", "accept 201"), audit.stream()
                    .map(e -> e.get("action") + " " + e.get("status")).toList(), "decisions are audited: " + audit);

            // Once its rollout ended, the acceptance suppresses nothing: if what runs is (again) not the target, as
            // after a move back, the same move is a new decision, not "decided on already" forever.
            setRolloutStatus(rollout, "SUCCEEDED");
            clock.step(INTERVAL);
            evaluated(a.evaluateOnce());
            assertEquals(2, recommendations(f.deployment).size(), "a new recommendation of the same move");
            setRolloutStatus(rollout, "RUNNING");
        } finally {
            endRollout(rollout);
        }
    }

    @Test
    void aWithinBudgetDeploymentIsRolledOutByTheLoopOnceItOpensAndTheGateAllows() {
        PlacementFixture f = new PlacementFixture();
        f.autoRolloutWithinBudget(50);
        f.runningOnGpu(pool);
        f.cpuPrice(0.1);
        SteppedClock clock = freshClock();
        int running = rolloutsRunning();
        PlacementLoop full = replica("a", clock).withAutoRollouts(autoRollouts.withMaxConcurrent(running));
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                clock.step(INTERVAL);
            }
            PlacementLoop.Pass pass = full.evaluateOnce();
            evaluated(pass);
            assertEquals(List.of(), pass.rolloutsStarted(), "I9: nothing while PENDING, nor with the fleet full");
        }
        assertEquals("OPEN", only(f.deployment).get("status"), "I9: the gate refused; it waits OPEN");

        PlacementLoop room = full.withAutoRollouts(autoRollouts.withMaxConcurrent(running + 1));
        clock.step(INTERVAL);
        PlacementLoop.Pass pass = room.evaluateOnce();
        evaluated(pass);
        Map<String, Object> r = only(f.deployment);
        try {
            assertEquals("ACCEPTED", r.get("status"));
            assertEquals(List.of(r.get("rolloutId")), pass.rolloutsStarted(), "I9: started once the gate allows");
            assertEquals("modelfleet:placement", r.get("decidedBy"));
            viewer().get("/api/v1/rollouts/" + r.get("rolloutId")).then().statusCode(200)
                    .body("createdBy", org.hamcrest.Matchers.equalTo("modelfleet:placement"))
                    .body("planId", org.hamcrest.Matchers.equalTo(r.get("planId")));
            List<Map<String, Object>> audit = admin().queryParam("resource", "recommendation/" + r.get("id"))
                    .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items");
            assertEquals(1, audit.size(), "the automatic accept is audited: " + audit);
            assertEquals("modelfleet:placement", audit.get(0).get("actor"));
            assertEquals("accept", audit.get(0).get("action"));
            clock.step(INTERVAL);
            assertEquals(List.of(), room.evaluateOnce().rolloutsStarted(), "I7: at most one rollout");
        } finally {
            Object rollout = r.get("rolloutId");
            if (rollout != null) {
                endRollout(rollout);
            }
        }
    }

    @Test
    void anAcceptWhoseRolloutCannotStartLeavesTheRecommendationOpenAndStartsNothing() {
        PlacementFixture f = new PlacementFixture().runningOnGpu(pool);
        // Another rollout of the deployment is in progress (of the plan that put it on the GPU).
        String blocker = operator().body(Map.of("planId", f.runningPlan)).post("/api/v1/rollouts").then()
                .statusCode(201).extract().path("id");
        f.cpuPrice(0.1);
        SteppedClock clock = freshClock();
        stabilize(replica("a", clock), clock);
        String id = (String) only(f.deployment).get("id");
        try {
            operator().post("/api/v1/recommendations/" + id + "/accept").then().statusCode(409)
                    .body("detail", containsString(blocker));
            Map<String, Object> r = only(f.deployment);
            assertEquals("OPEN", r.get("status"), "the rollout service's 409 rolled the status back with it");
            assertNull(r.get("rolloutId"));
            assertNull(r.get("decidedBy"));
            assertEquals(1, rolloutsOf(f.deployment), "only the blocker");
        } finally {
            operator().post("/api/v1/rollouts/" + blocker + "/abort").then().statusCode(200);
            admin().body(Map.of("reason", "test cleanup")).post("/api/v1/rollouts/" + blocker + "/force-end").then()
                    .statusCode(200);
        }
        String rollout = operator().post("/api/v1/recommendations/" + id + "/accept").then().statusCode(201).extract()
                .path("rollout.id");
        assertEquals(2, rolloutsOf(f.deployment), "once free, the accept starts its rollout");
        endRollout(rollout);
    }

    @Test
    void twoAcceptsAtOnceStartOneRolloutAndTheLoserGetsAConflict() throws Exception {
        PlacementFixture f = new PlacementFixture().runningOnGpu(pool);
        f.cpuPrice(0.1);
        SteppedClock clock = freshClock();
        stabilize(replica("a", clock), clock);
        String id = (String) only(f.deployment).get("id");
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                answers.add(two.submit(() -> {
                    go.await();
                    return operator().post("/api/v1/recommendations/" + id + "/accept");
                }));
            }
            go.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode());
            }
            assertEquals(List.of(201, 409), statuses.stream().sorted().toList(), "I7: one wins, one is refused");
            assertEquals(1, rolloutsOf(f.deployment), "I7: never two rollouts");
        } finally {
            two.shutdownNow();
            String rollout = (String) only(f.deployment).get("rolloutId");
            if (rollout != null) {
                endRollout(rollout);
            }
        }
    }

    @Test
    void benchmarksQuotasPricesAndDeploymentsFireTriggersAndARefusedWriteFiresNone() {
        PlacementFixture f = new PlacementFixture();
        pool.query("DELETE FROM placement_trigger").execute().await().indefinitely();
        Map<String, Object> row = new java.util.HashMap<>(io.modelfleet.testing.Fixtures.benchmark(f.gpu));
        row.put("batchSize", 16);
        operator().body(Map.of("benchmarks", List.of(row))).post("/api/v1/models/" + f.model + "/variants/"
                + f.gpuVariant + "/benchmarks").then().statusCode(200);
        assertEquals(List.of("benchmarks added to variant " + f.gpuVariant + " of model '" + f.model + "'"),
                triggerReasons());
        operator().body(Map.of("benchmarks", List.of(row))).post("/api/v1/models/" + f.model + "/variants/"
                + f.gpuVariant + "/benchmarks").then().statusCode(409);
        assertEquals(1, triggerReasons().size(), "the refused duplicate row fired nothing (its transaction rolled back)");
        operator().body(Map.of("limitVcpus", 64, "accountId", f.account)).put("/api/v1/quotas/us-east-1/L-DB2E81BA")
                .then().statusCode(200);
        assertEquals("quota L-DB2E81BA of us-east-1 set", triggerReasons().get(1));
        operator().delete("/api/v1/quotas/us-east-1/L-DB2E81BA?accountId=" + f.account);
        operator().queryParam("region", "us-east-1").post("/api/v1/pricing/refresh").then().statusCode(200);
        assertEquals("price refresh of us-east-1", triggerReasons().get(2));
        operator().body(io.modelfleet.testing.Fixtures.deployment(f.model, f.cluster, 150))
                .put("/api/v1/deployments/" + f.deployment).then().statusCode(200);
        assertEquals("deployment '" + f.deployment + "' put", triggerReasons().get(3));
        operator().body(Map.of("region", "us-east-1", "accountId", f.account, "target", Map.of("type", "GITOPS"),
                "nodePools", List.of(Map.of("name", "gpu", "hardware", f.gpu, "capacityType", "ON_DEMAND",
                        "maxNodes", 4)))).put("/api/v1/clusters/" + f.cluster).then().statusCode(200);
        assertEquals("cluster '" + f.cluster + "' changed", triggerReasons().get(4));
    }

    @Test
    void acceptOfAnUnknownOrNotOpenRecommendationIsRefused() {
        operator().post("/api/v1/recommendations/" + UUID.randomUUID() + "/accept").then().statusCode(404)
                .contentType("application/problem+json");
        operator().post("/api/v1/recommendations/" + UUID.randomUUID() + "/dismiss").then().statusCode(404);
        PlacementFixture f = new PlacementFixture().runningOnGpu(pool);
        f.cpuPrice(0.1);
        SteppedClock clock = freshClock();
        evaluated(replica("a", clock).evaluateOnce());
        String id = (String) only(f.deployment).get("id");
        operator().post("/api/v1/recommendations/" + id + "/accept").then().statusCode(409)
                .body("detail", containsString("is PENDING; only an OPEN one can be accepted"));
        operator().body(Map.of("note", "x".repeat(501))).post("/api/v1/recommendations/" + id + "/dismiss").then()
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("note"));
        viewer().queryParam("status", "SOMETIMES").get("/api/v1/recommendations").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("status"));
        viewer().post("/api/v1/recommendations/" + id + "/dismiss").then().statusCode(403);
    }

    @Test
    void aDismissedMoveIsNotRecommendedAgainUntilItsInputsChange() {
        PlacementFixture f = new PlacementFixture().runningOnGpu(pool);
        f.cpuPrice(0.1);
        SteppedClock clock = freshClock();
        PlacementLoop a = replica("a", clock);
        stabilize(a, clock);
        String id = (String) only(f.deployment).get("id");
        JsonPath dismissed = operator().body(Map.of("note", "not during the launch week"))
                .post("/api/v1/recommendations/" + id + "/dismiss").then().statusCode(200).extract().jsonPath();
        assertEquals("DISMISSED", dismissed.getString("status"));
        assertEquals("not during the launch week", dismissed.getString("decisionNote"));
        assertNotNull(dismissed.getString("decidedAt"));
        operator().post("/api/v1/recommendations/" + id + "/dismiss").then().statusCode(409)
                .body("detail", containsString("is DISMISSED"));

        for (int i = 0; i < 2; i++) {
            clock.step(INTERVAL);
            evaluated(a.evaluateOnce());
        }
        assertEquals("DISMISSED", only(f.deployment).get("status"), "I8: the same proposal, the same inputs: not again");

        // A real change of the inputs (the CPU price halves again, beyond its 5% band) brings it back, PENDING.
        f.cpuPrice(0.05);
        clock.step(INTERVAL);
        evaluated(a.evaluateOnce());
        List<Map<String, Object>> all = recommendations(f.deployment);
        assertEquals(2, all.size(), "a new recommendation beside the dismissed one: " + all);
        assertEquals(List.of("PENDING", "DISMISSED"), all.stream().map(r -> r.get("status")).toList());
        assertEquals(0.476, ((Number) all.get(0).get("savingsHourlyUsd")).doubleValue(), 1e-6);
    }

    @Test
    void aPriceChangeBackSupersedesTheRecommendation() {
        PlacementFixture f = new PlacementFixture().runningOnGpu(pool);
        f.cpuPrice(0.1);
        SteppedClock clock = freshClock();
        PlacementLoop a = replica("a", clock);
        evaluated(a.evaluateOnce());
        assertEquals("PENDING", only(f.deployment).get("status"));

        f.cpuPrice(PlacementFixture.CPU_PRICE_HIGH);
        clock.step(Duration.ofSeconds(10));
        PlacementLoop.Pass pass = a.evaluateOnce();
        evaluated(pass);
        assertTrue(pass.evaluation().cause().endsWith("trigger") || pass.evaluation().cause().endsWith("triggers"),
                "the price PUT triggered it: " + pass.evaluation().cause());
        Map<String, Object> r = only(f.deployment);
        assertEquals("SUPERSEDED", r.get("status"));
        assertEquals("the latest evaluation no longer finds a move worth making: the savings fell below the"
                + " thresholds or what runs is the best placement", r.get("supersededReason"));
        operator().post("/api/v1/recommendations/" + r.get("id") + "/accept").then().statusCode(409)
                .body("detail", containsString("is SUPERSEDED"));
    }

    private Row lease() {
        return pool.query("SELECT holder, token, expires_at FROM placement_lease WHERE name = 'placement'").execute()
                .await().indefinitely().iterator().next();
    }

    private long evaluationsStored() {
        return pool.query("SELECT count(*) AS n FROM placement_evaluation").execute().await().indefinitely()
                .iterator().next().getLong("n");
    }

    /** Test cleanup: aborts the rollout and force-ends it, so its deployment is free for other tests. */
    private static void endRollout(Object rollout) {
        operator().post("/api/v1/rollouts/" + rollout + "/abort").then().statusCode(200);
        admin().body(Map.of("reason", "test cleanup")).post("/api/v1/rollouts/" + rollout + "/force-end").then()
                .statusCode(200);
    }

    private void setRolloutStatus(String rollout, String status) {
        pool.preparedQuery("UPDATE rollout SET status = $2 WHERE id = $1").execute(Tuple.of(UUID.fromString(rollout),
                status)).await().indefinitely();
    }

    private long pendingTriggers() {
        return pool.query("SELECT count(*) AS n FROM placement_trigger").execute().await().indefinitely().iterator()
                .next().getLong("n");
    }

    private int rolloutsRunning() {
        return pool.query("SELECT count(*) AS n FROM rollout WHERE status IN ('RUNNING', 'PAUSED', 'ABORTING',"
                + " 'ROLLBACK_FAILED')").execute().await().indefinitely().iterator().next().getLong("n").intValue();
    }

    private List<String> triggerReasons() {
        List<String> out = new java.util.ArrayList<>();
        pool.query("SELECT reason FROM placement_trigger ORDER BY id").execute().await().indefinitely()
                .forEach(r -> out.add(r.getString("reason")));
        return out;
    }

    private long rolloutsOf(String deployment) {
        return pool.preparedQuery("SELECT count(*) AS n FROM rollout r JOIN plan p ON p.id = r.plan_id"
                + " WHERE p.deployments LIKE $1").execute(Tuple.of("%\"" + deployment + "\"%")).await().indefinitely()
                .iterator().next().getLong("n");
    }

    @SuppressWarnings("unused")
    private static Instant at(OffsetDateTime t) {
        return t.toInstant();
    }
}
