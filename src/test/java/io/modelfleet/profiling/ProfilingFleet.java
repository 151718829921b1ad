package io.modelfleet.profiling;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;

import io.modelfleet.testing.Fixtures;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small fleet for profiling tests, built through the API: a CPU and a T4 profile, a model, and a KUBERNETES
 * cluster (namespace = its name, served by the mock API server) with a pool of each; GITOPS clusters on demand.
 * Names are unique, so the classes sharing the test database never see each other's runs.
 */
final class ProfilingFleet {

    /** The input tensor of the loadgen tests' MLP (OnnxModels): x, 64 floats per item. */
    static final Map<String, Object> MLP_INPUT = Map.of("name", "x", "shape", List.of(64), "datatype", "FP32");

    final String cpu = unique("pf-cpu");
    final String t4 = unique("pf-t4");
    final String model = unique("pf-m");
    final String cluster = unique("pf-k");

    ProfilingFleet() {
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        // An apiServer target needs a credentials reference, and only an admin may set one.
        admin().body(Map.of("region", "us-east-1", "target", Map.of("type", "KUBERNETES", "apiServer",
                "https://api." + cluster + ".example:6443", "namespace", cluster, "credentialsRef",
                "env:MODELFLEET_CLUSTER_TEST"), "nodePools", List.of(
                        Map.of("name", "cpu", "hardware", cpu, "capacityType", "ON_DEMAND", "maxNodes", 4),
                        Map.of("name", "gpu", "hardware", t4, "capacityType", "ON_DEMAND", "maxNodes", 4))))
                .put("/api/v1/clusters/" + cluster).then().statusCode(201);
    }

    /** A variant with one typed-in row on the CPU profile at batch 16 (rows the runs must leave alone). */
    String variant(String precision, String image) {
        Map<String, Object> body = new HashMap<>(Fixtures.variant(precision, cpu));
        body.put("version", unique("v"));
        body.put("image", image);
        body.put("benchmarks", List.of(Map.of("hardware", precision.equals("FP16") ? t4 : cpu, "batchSize", 16,
                "p99LatencyMs", 40, "throughputRps", 400, "source", "MEASURED")));
        return operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
    }

    /** A GITOPS cluster with one pool of {@code hardware}; its folder is its name under the GitOps root. */
    String gitopsCluster(String hardware) {
        String name = unique("pf-g");
        operator().body(Map.of("region", "us-east-1", "target", Map.of("type", "GITOPS"), "nodePools",
                List.of(Map.of("name", "pool", "hardware", hardware, "capacityType", "SPOT", "maxNodes", 2))))
                .put("/api/v1/clusters/" + name).then().statusCode(201);
        return name;
    }

    /** A request body: the hardware, the MLP's input, and the given fields. */
    static Map<String, Object> request(String hardware, Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hardware", hardware);
        body.put("input", MLP_INPUT);
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    Response profile(String variant, Map<String, Object> body) {
        return operator().body(body).post(runsPath(variant));
    }

    String runsPath(String variant) {
        return "/api/v1/models/" + model + "/variants/" + variant + "/profiling-runs";
    }
}
