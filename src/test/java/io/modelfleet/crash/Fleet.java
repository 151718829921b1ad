package io.modelfleet.crash;

import io.modelfleet.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog and fleet of a cell, set up through the control plane's API as an operator would: a T4 and a CPU
 * hardware profile, two clusters whose KUBERNETES targets name a context of the harness's kubeconfig and a
 * namespace of their own, one model per deployment with a variant per release, and the plans.
 */
final class Fleet {

    static final String T4 = "g4dn-xlarge";
    static final String CPU = "c6i-xlarge";
    static final String TRITON_OLD = "nvcr.io/nvidia/tritonserver:24.08-py3";
    static final String TRITON_NEW = "nvcr.io/nvidia/tritonserver:24.09-py3";
    static final String TRITON_BROKEN = "nvcr.io/nvidia/tritonserver:24.09-broken";
    static final String OVMS = "openvino/model_server:2024.4";
    static final double DEMAND_RPS = 1200;
    static final double HEADROOM = 0.25;
    static final double NEED_RPS = DEMAND_RPS * (1 + HEADROOM);
    /** Clusters in name order: the first is the canary (wave 0), the second is wave 1. */
    static final List<String> CLUSTERS = List.of("a-canary", "b-main");
    /** Deployments in name order; each has a model of its own. */
    static final List<String> DEPLOYMENTS = List.of("d1", "d2");

    private final ControlPlaneApi api;
    private final MockFleet mock;
    /** The variant id of each deployment in the last {@link #release}. */
    private final Map<String, String> released = new LinkedHashMap<>();

    Fleet(ControlPlaneApi api, MockFleet mock) {
        this.api = api;
        this.mock = mock;
    }

    static String context(String cluster) {
        return "ctx-" + cluster;
    }

    static String namespace(String cluster) {
        return "ns-" + cluster;
    }

    static List<String> namespaces() {
        return CLUSTERS.stream().map(Fleet::namespace).toList();
    }

    static List<String> contexts() {
        return CLUSTERS.stream().map(Fleet::context).toList();
    }

    void catalogAndClusters() {
        api.put("/api/v1/hardware-profiles/" + T4, Fixtures.t4Profile());
        api.put("/api/v1/hardware-profiles/" + CPU, Fixtures.cpuProfile(0.17));
        for (String d : DEPLOYMENTS) {
            api.put("/api/v1/models/" + model(d), Fixtures.model());
        }
        for (String c : CLUSTERS) {
            api.put("/api/v1/clusters/" + c, cluster(c));
        }
    }

    private static Map<String, Object> cluster(String c) {
        return new HashMap<>(Map.of("region", "us-east-1",
                "target", Map.of("type", "KUBERNETES", "context", context(c), "namespace", namespace(c)),
                "nodePools", List.of(
                        Map.of("name", "gpu", "hardware", T4, "capacityType", "ON_DEMAND", "maxNodes", 10),
                        Map.of("name", "cpu", "hardware", CPU, "capacityType", "ON_DEMAND", "maxNodes", 10))));
    }

    /** Every cluster names {@code prometheusUrl} as its metrics source (a loopback one: the API's admin token). */
    void metrics(String prometheusUrl) {
        for (String c : CLUSTERS) {
            Map<String, Object> body = cluster(c);
            body.put("metrics", Map.of("prometheusUrl", prometheusUrl));
            api.put("/api/v1/clusters/" + c, body);
        }
    }

    /** The deployments of {@code version} with these analysis knobs; then a new plan, its id. */
    String analyzed(String version, Map<String, Object> knobs) {
        for (String d : DEPLOYMENTS) {
            Map<String, Object> body = deployment(d, version);
            body.put("analysis", knobs);
            api.put("/api/v1/deployments/" + d, body);
        }
        return api.post("/api/v1/plans", Map.of("deployments", DEPLOYMENTS), 201).path("id").asText();
    }

    /** The variant id each deployment got in the last release. */
    Map<String, String> released() {
        return Map.copyOf(released);
    }

    private static Map<String, Object> deployment(String d, String version) {
        List<Map<String, Object>> demand = new ArrayList<>();
        for (String c : CLUSTERS) {
            demand.add(Map.of("cluster", c, "rps", DEMAND_RPS));
        }
        return new HashMap<>(Map.of("model", model(d), "version", version,
                "slo", Map.of("p99LatencyMs", 50, "minReplicas", 1, "headroom", HEADROOM), "demand", demand));
    }

    /** Registers each deployment's variant of this version, points the deployments at it and plans; the plan id. */
    String release(String version, List<Scenario.Release> releases) {
        for (int i = 0; i < DEPLOYMENTS.size(); i++) {
            String d = DEPLOYMENTS.get(i);
            Scenario.Release r = releases.get(i);
            Map<String, Object> body = new HashMap<>(Fixtures.variant(r.precision, r.hardware));
            body.put("version", version);
            body.put("image", r.image);
            body.put("benchmarks", List.of(Map.of("hardware", r.hardware, "batchSize", 8, "p99LatencyMs", 9,
                    "throughputRps", r.rps, "acceleratorsPerReplica", T4.equals(r.hardware) ? 1 : 0,
                    "vcpusPerReplica", 2, "memoryGiBPerReplica", 2, "source", "MEASURED")));
            String id = api.post("/api/v1/models/" + model(d) + "/variants", body, 201).path("id").asText();
            mock.variant(id, d, r.rps);
            released.put(d, id);
            api.put("/api/v1/deployments/" + d, deployment(d, version));
        }
        return api.post("/api/v1/plans", Map.of("deployments", DEPLOYMENTS), 201).path("id").asText();
    }

    String rollout(String planId, int stepTimeoutSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("planId", planId);
        body.put("stepTimeoutSeconds", stepTimeoutSeconds);
        return api.post("/api/v1/rollouts", body, 201).path("id").asText();
    }

    private static String model(String deployment) {
        return "model-" + deployment;
    }
}
