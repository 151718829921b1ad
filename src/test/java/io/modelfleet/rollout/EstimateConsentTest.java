package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.planning.PlanResult;
import io.modelfleet.rollout.RolloutViews.RolloutView;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.testing.Fixtures;
import io.modelfleet.testing.SharedPoolFleet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Design 007, B4 through the API: a deployment's {@code allowEstimated} (false unless given), the pair of a deployment
 * without it left unplaced as ESTIMATED_NOT_ALLOWED, and with it a plan on the estimate that says so in the
 * placement and a warning, a rollout that carries the warning, and a rollout refused once the consent is taken back.
 *
 * <p>Fleet: a CPU profile (4 vCPUs, 8 GiB, $0.25/h) in an account of its own; an INT8 variant with two operating
 * points at batch 8: concurrency 1 MEASURED at p99 12 ms, 500 rps (1 vCPU, 2 GiB a replica), and concurrency 4
 * ESTIMATED at p99 9 ms, 1600 rps (2 vCPUs, 4 GiB). SLO 10 ms and 3000 rps: the measured row is too slow; the
 * estimate needs ceil(3000 / 1600) = 2 replicas, both on one node: 0.25/h for 3200 rps.
 */
@QuarkusTest
class EstimateConsentTest {

    @Inject
    Pool db;

    @Inject
    RolloutEngine engine;

    private final String cpu = unique("c8est");
    private final String model = unique("m");
    private final String cluster = unique("k");
    private String variant;

    @Test
    void aDeploymentPlansWithMeasuredRowsUnlessItSaysOtherwiseAndAReplaceKeepsWhatItSaid() {
        fleet();
        String d = unique("d");
        put(d, null).statusCode(201).body("allowEstimated", equalTo(false));
        viewer().get("/api/v1/deployments/" + d).then().statusCode(200).body("allowEstimated", equalTo(false));
        int given = put(d, true).statusCode(200).body("allowEstimated", equalTo(true)).extract().path("revision");
        // A replace that does not name it keeps it: nothing changed, so the revision stays.
        put(d, null).statusCode(200).body("allowEstimated", equalTo(true)).body("revision", equalTo(given));
        viewer().get("/api/v1/deployments/" + d).then().body("allowEstimated", equalTo(true));
        put(d, false).statusCode(200).body("allowEstimated", equalTo(false));
        Map<String, Object> bad = new HashMap<>(deployment());
        bad.put("allowEstimated", "maybe");
        operator().body(bad).put("/api/v1/deployments/" + unique("d")).then().statusCode(400)
                .header("Content-Type", equalTo("application/problem+json"))
                .body("errors.field", hasItems("allowEstimated"));
    }

    @Test
    void withoutConsentThePairIsUnplacedAsEstimatedNotAllowedWithTheEstimatesFigures() {
        fleet();
        String d = unique("d");
        put(d, null).statusCode(201);
        JsonPath plan = plan(d);
        assertEquals("INFEASIBLE", plan.getString("status"));
        assertEquals(List.of(), plan.getList("placements"));
        assertEquals(List.of(), plan.getList("warnings"));
        String on = "INT8 variant " + variant + " on pool pool-a (" + cpu + ") batch 8";
        assertEquals(List.of("LATENCY: " + on + ": p99 12 ms > SLO 10 ms", "ESTIMATED_NOT_ALLOWED: " + on
                + " concurrency 4: the row is an estimate (p99 9 ms, 1600 rps per replica, 2 replicas); deployment '"
                + d + "' plans with measured rows only: set allowEstimated: true on it to plan with estimates, or"
                + " measure the row"), plan.getList("unplaced[0].reasons"));
        assertEquals(Map.of("ESTIMATED_NOT_ALLOWED", 1, "LATENCY", 1), plan.getMap("alternatives[0].rejectedByRule"));
    }

    @Test
    void withConsentThePlanMarksTheEstimateItsRolloutWarnsAndTakingConsentBackRefusesTheRollout() {
        fleet();
        String d = unique("d");
        put(d, true).statusCode(201);
        try {
            JsonPath plan = plan(d);
            assertEquals("OPTIMAL", plan.getString("status"));
            assertEquals(0.25f, plan.getFloat("totalHourlyCostUsd"), 1e-6);
            assertEquals(List.of(8, 4, 2, "ESTIMATED", 3200.0f), List.of(plan.getInt("placements[0].batchSize"),
                    plan.getInt("placements[0].concurrency"), plan.getInt("placements[0].replicas"),
                    plan.getString("placements[0].benchmarkSource"), plan.getFloat("placements[0].capacityRps")));
            Map<String, Object> warning = Map.of("deployment", d, "cluster", cluster, "kind", "ESTIMATED_BENCHMARK",
                    "detail", "INT8 variant " + variant + " on pool pool-a (" + cpu + ") batch 8 concurrency 4 is"
                            + " planned on an estimate: p99 9 ms, 3200 rps over 2 replicas were not measured;"
                            + " measure the row before relying on them");
            assertEquals(List.of(warning), plan.getList("warnings"));
            assertEquals(List.of("CHOSEN", 4, "ESTIMATED"), List.of(plan.getString("alternatives[0].options[0]"
                    + ".outcome"), plan.getInt("alternatives[0].options[0].concurrency"),
                    plan.getString("alternatives[0].options[0].benchmarkSource")));
            String id = plan.getString("id");
            viewer().get("/api/v1/plans/" + id + "/alternatives").then().statusCode(200)
                    .body("items.find { it.concurrency == 1 }.rule", equalTo("LATENCY"))
                    .body("items.find { it.concurrency == 1 }.benchmarkSource", equalTo("MEASURED"));

            // Consent is an input of the plan: taken back, the plan on the estimate no longer holds.
            put(d, false).statusCode(200);
            operator().body(Map.of("planId", id)).post("/api/v1/rollouts").then().statusCode(409)
                    .body("detail", containsString("deployment '" + d + "': allowEstimated true -> false"));
            put(d, true).statusCode(200);

            ValidatableResponse created = operator().body(Map.of("planId", id)).post("/api/v1/rollouts").then()
                    .statusCode(201);
            assertEquals(List.of(warning), created.extract().jsonPath().getList("warnings"));
            UUID rollout = UUID.fromString(created.extract().path("id"));
            viewer().get("/api/v1/rollouts/" + rollout).then().statusCode(200).body("warnings[0].kind",
                    equalTo("ESTIMATED_BENCHMARK")).body("warnings[0].detail", equalTo(warning.get("detail")));
            RolloutView ended = RolloutRunner.untilEnded(engine, rollout);
            assertEquals(RolloutStatus.SUCCEEDED, ended.status());
            assertEquals(List.of(new PlanResult.Warning(d, cluster, PlanResult.WarningKind.ESTIMATED_BENCHMARK,
                    (String) warning.get("detail"))), ended.warnings());
            // What runs is the planned operating point's replica (2 vCPUs, 4 GiB), not the other row of batch 8's.
            var row = db.preparedQuery("SELECT batch_size, vcpus_per_replica, memory_gib_per_replica, replicas"
                    + " FROM running_placement WHERE deployment = $1 AND cluster = $2")
                    .execute(Tuple.of(d, cluster)).await().indefinitely().iterator().next();
            assertEquals(List.of(8, 2.0, 4.0, 2), List.of(row.getInteger(0), row.getDouble(1), row.getDouble(2),
                    row.getInteger(3)));
        } finally {
            SharedPoolFleet.stopsRunning(db, d);
        }
    }

    /** The profile, model, variant and cluster of the class comment, under names of this test's own. */
    private void fleet() {
        operator().body(Fixtures.cpuProfile(0.25)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", cpu));
        body.put("benchmarks", List.of(
                Map.of("hardware", cpu, "batchSize", 8, "concurrency", 1, "p99LatencyMs", 12, "throughputRps", 500,
                        "vcpusPerReplica", 1, "memoryGiBPerReplica", 2, "source", "MEASURED"),
                Map.of("hardware", cpu, "batchSize", 8, "concurrency", 4, "p99LatencyMs", 9, "throughputRps", 1600,
                        "vcpusPerReplica", 2, "memoryGiBPerReplica", 4, "source", "ESTIMATED")));
        variant = operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
        String account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        operator().body(Map.of("region", "us-east-1", "accountId", account, "target", Map.of("type", "GITOPS"),
                "nodePools", List.of(Map.of("name", "pool-a", "hardware", cpu, "capacityType", "ON_DEMAND",
                        "maxNodes", 10)))).put("/api/v1/clusters/" + cluster).then().statusCode(201);
    }

    private Map<String, Object> deployment() {
        return Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 10),
                "demand", List.of(Map.of("cluster", cluster, "rps", 3000)));
    }

    /** PUT of the deployment, with {@code allowEstimated} when not null. */
    private ValidatableResponse put(String name, Boolean allowEstimated) {
        Map<String, Object> body = new HashMap<>(deployment());
        if (allowEstimated != null) {
            body.put("allowEstimated", allowEstimated);
        }
        return operator().body(body).put("/api/v1/deployments/" + name).then();
    }

    private static JsonPath plan(String deployment) {
        return operator().body(Map.of("deployments", List.of(deployment))).post("/api/v1/plans").then()
                .statusCode(201).extract().jsonPath();
    }
}
