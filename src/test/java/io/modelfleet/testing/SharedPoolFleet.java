package io.modelfleet.testing;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fleet for design 006's fleet-aware tests, built through the API under an account of its own (so no other
 * test's quota or cluster couples with it): {@code gpu} hardware named in the G family (1 GPU, 4 vCPUs, 16 GiB,
 * $0.15/h: the G and VT quota covers it) and {@code cpu} hardware in the C family (4 vCPUs, 8 GiB, $0.40/h).
 * One model with an FP16 variant on gpu (batch 8, 100 rps, 1 GPU, 2 vCPUs, 8 GiB a replica) and an INT8 variant on
 * cpu (batch 1, 100 rps, 2 vCPUs, 2 GiB: two a node), optionally also on gpu (batch 16, 200 rps, 1 GPU, 2 vCPUs,
 * 4 GiB). Running placements are inserted as the rollout engine writes them.
 */
public final class SharedPoolFleet {

    public static final String G_QUOTA = "L-DB2E81BA";

    public final String account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L,
            999_999_999_999L));
    public final String gpu = unique("g9");
    public final String cpu = unique("c9");
    public final String model = unique("m");
    public final String fp16;
    public final String int8;

    public SharedPoolFleet(double fp16P99Ms, boolean int8OnGpu) {
        operator().body(Map.of("accelerator", "NVIDIA_T4", "acceleratorCount", 1, "acceleratorMemoryGiB", 16,
                "resourceName", "nvidia.com/gpu", "vcpus", 4, "memoryGiB", 16, "precisions", List.of("FP16", "INT8"),
                "offerings", List.of(offering(0.15)))).put("/api/v1/hardware-profiles/" + gpu).then().statusCode(201);
        operator().body(Map.of("accelerator", "CPU", "vcpus", 4, "memoryGiB", 8, "precisions", List.of("FP32", "INT8"),
                "offerings", List.of(offering(0.40)))).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        this.fp16P99Ms = fp16P99Ms;
        this.int8OnGpu = int8OnGpu;
        List<String> first = release("1.0.0");
        fp16 = first.get(0);
        int8 = first.get(1);
    }

    private final double fp16P99Ms;
    private final boolean int8OnGpu;

    /** Registers the FP16 and INT8 variants (in that order) at a version of the model; returns their ids. */
    public List<String> release(String version) {
        return List.of(variant(version, "FP16", List.of(benchmark(gpu, 8, fp16P99Ms, 100, 1, 8))),
                variant(version, "INT8", int8OnGpu
                        ? List.of(benchmark(cpu, 1, 15, 100, 0, 2), benchmark(gpu, 16, 5, 200, 1, 4))
                        : List.of(benchmark(cpu, 1, 15, 100, 0, 2))));
    }

    /** A GitOps cluster of the fleet's account in us-east-1 with pools {@code gpu} and {@code cpu} (10 nodes). */
    public String cluster(int gpuMaxNodes) {
        String name = unique("k");
        operator().body(Map.of("region", "us-east-1", "accountId", account, "target", Map.of("type", "GITOPS"),
                "nodePools", List.of(
                        Map.of("name", "gpu", "hardware", gpu, "capacityType", "ON_DEMAND", "maxNodes", gpuMaxNodes),
                        Map.of("name", "cpu", "hardware", cpu, "capacityType", "ON_DEMAND", "maxNodes", 10))))
                .put("/api/v1/clusters/" + name).then().statusCode(201);
        return name;
    }

    /** A deployment of the model with {@code rps} on the cluster and a 50 ms p99 SLO. */
    public String deployment(String cluster, double rps) {
        String name = unique("d");
        operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 50),
                "demand", List.of(Map.of("cluster", cluster, "rps", rps)))).put("/api/v1/deployments/" + name)
                .then().statusCode(201);
        return name;
    }

    /** The fleet account's G and VT on-demand vCPU quota in us-east-1. */
    public void gQuota(double limitVcpus) {
        operator().body(Map.of("limitVcpus", limitVcpus, "accountId", account))
                .put("/api/v1/quotas/us-east-1/" + G_QUOTA).then().statusCode(200);
    }

    public void dropGQuota() {
        operator().delete("/api/v1/quotas/us-east-1/" + G_QUOTA + "?accountId=" + account).then().statusCode(204);
    }

    /** What the rollout engine records when a cluster completes: FP16 replicas on the gpu pool. */
    public void runsFp16OnGpu(Pool db, String deployment, String cluster, int replicas) {
        db.preparedQuery("INSERT INTO running_placement (deployment, cluster, rollout_id, plan_id, variant_id,"
                + " precision, hardware, pool, replicas, hourly_cost_usd, updated_at, batch_size,"
                + " accelerators_per_replica, vcpus_per_replica, memory_gib_per_replica)"
                + " VALUES ($1, $2, $3, $4, $5, 'FP16', $6, 'gpu', $7, $8, $9, 8, 1, 2, 8)")
                .execute(Tuple.from(Arrays.asList(deployment, cluster, UUID.randomUUID(), UUID.randomUUID(), fp16,
                        gpu, replicas, 0.15 * replicas, OffsetDateTime.now())))
                .await().indefinitely();
    }

    public static void stopsRunning(Pool db, String deployment) {
        db.preparedQuery("DELETE FROM running_placement WHERE deployment = $1").execute(Tuple.of(deployment))
                .await().indefinitely();
    }

    private String variant(String version, String precision, List<Map<String, Object>> benchmarks) {
        Map<String, Object> body = new HashMap<>(Fixtures.variant(precision, gpu));
        body.put("version", version);
        body.put("benchmarks", benchmarks);
        return operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
    }

    private static Map<String, Object> benchmark(String hardware, int batch, double p99, double rps,
            int accelerators, double memoryGiB) {
        return Map.of("hardware", hardware, "batchSize", batch, "p99LatencyMs", p99, "throughputRps", rps,
                "acceleratorsPerReplica", accelerators, "vcpusPerReplica", 2, "memoryGiBPerReplica", memoryGiB,
                "source", "MEASURED");
    }

    private static Map<String, Object> offering(double price) {
        return Map.of("region", "us-east-1", "capacityType", "ON_DEMAND", "hourlyPriceUsd", price);
    }
}
