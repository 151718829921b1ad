package io.modelfleet.cli;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;

import io.modelfleet.testing.Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog and fleet the CLI tests read, built through the API (the values of PlanResourceTest): t4 ($0.526/h,
 * 1 GPU) and cpu ($0.17/h, 4 vCPU, 8 GiB); a model with an INT8 variant benchmarked on t4 (p99 7.1 ms, 1800 rps,
 * batch 8) and on cpu (p99 12 ms, 200 rps, batch 1, 2 vCPU, 2 GiB) and an FP32 variant on t4 only (p99 9 ms,
 * 600 rps); one cluster with a gpu and a cpu pool, its target GITOPS or the mock Kubernetes API server.
 */
final class CliFleet {

    final String t4 = unique("t4");
    final String cpu = unique("cpu");
    final String model = unique("resnet");
    final String cluster = unique("prod");
    final String int8;
    final String fp32;

    CliFleet(boolean kubernetes) {
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        Map<String, Object> int8Body = new HashMap<>(Fixtures.variant("INT8", t4));
        int8Body.put("benchmarks", List.of(Fixtures.benchmark(t4), Map.of("hardware", cpu, "batchSize", 1,
                "p99LatencyMs", 12, "throughputRps", 200, "acceleratorsPerReplica", 0, "vcpusPerReplica", 2,
                "memoryGiBPerReplica", 2)));
        int8 = operator().body(int8Body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> fp32Body = new HashMap<>(Fixtures.variant("FP32", t4));
        fp32Body.put("compression", List.of());
        fp32Body.put("accuracy", 76.1);
        fp32Body.put("benchmarks", List.of(Map.of("hardware", t4, "batchSize", 8, "p99LatencyMs", 9,
                "throughputRps", 600)));
        fp32 = operator().body(fp32Body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
        // An apiServer target needs a credentials reference, which only an admin may set; the mock API server
        // serves every such target, told apart by namespace.
        Map<String, Object> target = kubernetes ? Map.of("type", "KUBERNETES", "apiServer", "https://api." + cluster
                + ".example:6443", "namespace", cluster, "credentialsRef", "env:MODELFLEET_CLUSTER_TEST")
                : Map.of("type", "GITOPS");
        (kubernetes ? admin() : operator()).body(Map.of("region", "us-east-1", "target", target, "nodePools", List.of(
                Map.of("name", "gpu", "hardware", t4, "capacityType", "ON_DEMAND", "maxNodes", 10),
                Map.of("name", "cpu", "hardware", cpu, "capacityType", "ON_DEMAND", "maxNodes", 10))))
                .put("/api/v1/clusters/" + cluster).then().statusCode(201);
    }

    /** A deployment of the model's 1.0.0 on the cluster with that demand and p99 SLO; returns its name. */
    String deployment(double rps, double p99) {
        String name = unique("d");
        operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", p99),
                "demand", List.of(Map.of("cluster", cluster, "rps", rps)))).put("/api/v1/deployments/" + name)
                .then().statusCode(201);
        return name;
    }
}
