package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;

import io.modelfleet.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fleet built through the API for rollout tests: a T4 and a CPU profile, one model, clusters whose
 * KUBERNETES targets are told apart by namespace (all served by the mock API server), and helpers to register
 * variants, point a deployment at a version, plan and start a rollout.
 */
final class RolloutFixture {

    final String t4 = unique("t4");
    final String cpu = unique("cpu");
    final String model = unique("m");
    final String deployment = unique("d");
    final List<String> clusters = new ArrayList<>();
    private final Map<String, Map<String, Object>> clusterBodies = new HashMap<>();
    private Map<String, Object> deploymentBody;

    RolloutFixture(int clusterCount, boolean gitops) {
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        for (int i = 0; i < clusterCount; i++) {
            String name = (char) ('a' + i) + "-" + unique("c");
            clusters.add(name);
            Map<String, Object> target = gitops ? Map.of("type", "GITOPS")
                    : Map.of("type", "KUBERNETES", "apiServer", "https://api." + name + ".example:6443",
                            "namespace", name, "credentialsRef", "env:MODELFLEET_CLUSTER_TEST");
            // An apiServer target needs a credentials reference, and only an admin may set one.
            Map<String, Object> body = Map.of("region", "us-east-1", "target", target, "nodePools", List.of(
                    Map.of("name", "gpu", "hardware", t4, "capacityType", "ON_DEMAND", "maxNodes", 10),
                    Map.of("name", "cpu", "hardware", cpu, "capacityType", "ON_DEMAND", "maxNodes", 10)));
            clusterBodies.put(name, body);
            (gitops ? operator() : admin()).body(body).put("/api/v1/clusters/" + name).then().statusCode(201);
        }
    }

    /** Registers a variant with one benchmark; returns its id. */
    String variant(String version, String precision, String hardware, double p99, double rps, int accelerators,
            String image) {
        Map<String, Object> body = new HashMap<>(Fixtures.variant(precision, hardware));
        body.put("version", version);
        body.put("image", image);
        body.put("benchmarks", List.of(Map.of("hardware", hardware, "batchSize", 8, "p99LatencyMs", p99,
                "throughputRps", rps, "acceleratorsPerReplica", accelerators, "vcpusPerReplica", 2,
                "memoryGiBPerReplica", 2)));
        return operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
    }

    void deploy(String version, double rps) {
        List<Map<String, Object>> demand = clusters.stream().map(c -> Map.<String, Object>of("cluster", c, "rps", rps))
                .toList();
        deploymentBody = new HashMap<>(Map.of("model", model, "version", version, "slo", Map.of("p99LatencyMs", 50),
                "demand", demand));
        operator().body(deploymentBody).put("/api/v1/deployments/" + deployment).then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** Attaches a metrics source to a cluster through the API (admin: a loopback URL or a token reference). */
    void metrics(String cluster, String prometheusUrl, String credentialsRef) {
        Map<String, Object> body = new HashMap<>(clusterBodies.get(cluster));
        Map<String, Object> metrics = new HashMap<>(Map.of("prometheusUrl", prometheusUrl));
        if (credentialsRef != null) {
            metrics.put("credentialsRef", credentialsRef);
        }
        body.put("metrics", metrics);
        admin().body(body).put("/api/v1/clusters/" + cluster).then().statusCode(200);
    }

    /** Sets the deployment's analysis knobs through the API (an empty map: every default). */
    void analysis(Map<String, Object> knobs) {
        deploymentBody.put("analysis", knobs);
        operator().body(deploymentBody).put("/api/v1/deployments/" + deployment).then().statusCode(200);
    }

    String plan() {
        return operator().body(Map.of("deployments", List.of(deployment))).post("/api/v1/plans").then()
                .statusCode(201).extract().path("id");
    }

    UUID rollout(String planId, Integer stepTimeoutSeconds) {
        Map<String, Object> body = new HashMap<>();
        body.put("planId", planId);
        if (stepTimeoutSeconds != null) {
            body.put("stepTimeoutSeconds", stepTimeoutSeconds);
        }
        return UUID.fromString(operator().body(body).post("/api/v1/rollouts").then().statusCode(201)
                .extract().path("id"));
    }
}
