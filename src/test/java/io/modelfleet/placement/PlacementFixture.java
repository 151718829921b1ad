package io.modelfleet.placement;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;

import io.modelfleet.testing.Fixtures;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A one-deployment fleet that runs on its GPU pool while a CPU pool beside it can serve it too: an FP16 variant on a
 * T4 (1,800 rps per replica, one replica on a 0.526 $/h node) and an INT8 variant on a 4-vCPU CPU profile (200 rps
 * per replica, two replicas to a node). With the CPU profile at 2 $/h the plan puts the deployment on the GPU,
 * which is then recorded as running (with what one replica takes there, as the engine records it: 1 GPU, 2 vCPUs,
 * 4 GiB); lowering the CPU price makes the CPU pool the cheaper move. Its cluster is in
 * an account of its own, so no other test's quota couples it to their clusters.
 */
final class PlacementFixture {

    static final double GPU_PRICE = 0.526;
    static final double CPU_PRICE_HIGH = 2.0;

    final String gpu = unique("pl-t4");
    final String cpu = unique("pl-cpu");
    final String model = unique("pl-m");
    final String cluster = unique("pl-c");
    final String deployment = unique("pl-d");
    final String account = String.format("%012d", ThreadLocalRandom.current().nextLong(100_000_000_000L,
            1_000_000_000_000L));
    final String gpuVariant;
    final String cpuVariant;
    String runningPlan;

    PlacementFixture() {
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + gpu).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(CPU_PRICE_HIGH)).put("/api/v1/hardware-profiles/" + cpu).then()
                .statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        gpuVariant = operator().body(Fixtures.variant("FP16", gpu)).post("/api/v1/models/" + model + "/variants")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> onCpu = new HashMap<>(Fixtures.variant("INT8", cpu));
        onCpu.put("benchmarks", List.of(Map.of("hardware", cpu, "batchSize", 1, "p99LatencyMs", 9,
                "throughputRps", 200, "vcpusPerReplica", 2, "memoryGiBPerReplica", 2, "source", "MEASURED")));
        cpuVariant = operator().body(onCpu).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
        operator().body(Map.of("region", "us-east-1", "accountId", account, "target", Map.of("type", "GITOPS"),
                "nodePools", List.of(
                        Map.of("name", "gpu", "hardware", gpu, "capacityType", "ON_DEMAND", "maxNodes", 10),
                        Map.of("name", "cpu", "hardware", cpu, "capacityType", "ON_DEMAND", "maxNodes", 10))))
                .put("/api/v1/clusters/" + cluster).then().statusCode(201);
        operator().body(Fixtures.deployment(model, cluster, 100)).put("/api/v1/deployments/" + deployment).then()
                .statusCode(201);
    }

    /** Plans the deployment (the CPU pool is dear: it goes on the GPU) and records that plan as what runs. */
    PlacementFixture runningOnGpu(Pool pool) {
        JsonPath plan = operator().body(Map.of("deployments", List.of(deployment))).post("/api/v1/plans").then()
                .statusCode(201).extract().jsonPath();
        runningPlan = plan.getString("id");
        Map<String, Object> p = plan.getMap("placements[0]");
        if (!"gpu".equals(p.get("pool"))) {
            throw new AssertionError("the seeding plan should place on the GPU pool: " + p);
        }
        pool.preparedQuery("INSERT INTO running_placement (deployment, cluster, rollout_id, plan_id, variant_id,"
                + " precision, hardware, pool, replicas, hourly_cost_usd, updated_at, batch_size,"
                + " accelerators_per_replica, vcpus_per_replica, memory_gib_per_replica)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, 2, 4)")
                .execute(Tuple.from(new Object[] {deployment, cluster, UUID.randomUUID(), UUID.fromString(runningPlan),
                        p.get("variantId"), p.get("precision"), p.get("hardware"), p.get("pool"), p.get("replicas"),
                        ((Number) p.get("hourlyCostUsd")).doubleValue(), OffsetDateTime.now(ZoneOffset.UTC),
                        p.get("batchSize")}))
                .await().indefinitely();
        return this;
    }

    /** Lets the placement loop roll the deployment out by itself, disrupting at most {@code percent} at once. */
    void autoRolloutWithinBudget(int percent) {
        Map<String, Object> body = new HashMap<>(Fixtures.deployment(model, cluster, 100));
        body.put("autoRollout", "WITHIN_BUDGET");
        body.put("disruptionBudget", Map.of("maxDisruptedPercent", percent));
        operator().body(body).put("/api/v1/deployments/" + deployment).then().statusCode(200);
    }

    /** Sets the CPU profile's on-demand price (a PUT, which also fires a placement trigger). */
    void cpuPrice(double usdPerHour) {
        operator().body(Fixtures.cpuProfile(usdPerHour)).put("/api/v1/hardware-profiles/" + cpu).then()
                .statusCode(200);
    }
}
