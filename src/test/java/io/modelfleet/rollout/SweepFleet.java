package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.rollout.mock.PodView;
import io.modelfleet.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A fleet of the fault sweep: one KUBERNETES cluster of its own (its namespace on the mock API server) running two
 * deployments of its own, A and B, each with a demand and a headroom. Deployment A switches hardware and precision
 * (v1 INT8 on CPU, 4 replicas of 200 rps; v2 FP16 on T4, 1 replica of 1,000 rps); deployment B upgrades in place
 * (INT8 on T4, 2 replicas of 1,000 rps, then of 1,100 rps, or of a broken image whose pods never become ready). B is
 * named after A so that A's steps come first in the cluster, and a rollback of B's step also undoes A's switch.
 *
 * <p>The catalog (hardware profiles, models, variants) does not change during a sweep and is registered once
 * ({@link Catalog}); everything a rollout writes or locks (cluster, deployments, plans, objects) is new per fleet.
 */
final class SweepFleet {

    static final double HEADROOM = 0.25;
    /** A needs 640 x 1.25 = 800 rps: exactly v1's 4 CPU replicas. */
    static final double DEMAND_A = 640;
    /** B needs 1,500 x 1.25 = 1,875 rps: 2 replicas of either version. */
    static final double DEMAND_B = 1500;

    /** What a pod of a variant serves, and for which of the two deployments ("A" or "B"). */
    record Variant(String role, String label, double rps) {
    }

    /** Hardware, the two models and their variants, shared by every fleet of a test class. */
    static final class Catalog {
        static final String OVMS = "openvino/model_server:2024.4";
        static final String TRITON = "nvcr.io/nvidia/tritonserver:24.08-py3";
        static final String TRITON_NEXT = "nvcr.io/nvidia/tritonserver:24.09-py3";
        /** B's version whose image never becomes ready: the test controller is told so. */
        static final String BROKEN_VERSION = "2.1.0";

        final String t4 = unique("t4");
        final String cpu = unique("cpu");
        final String modelA = unique("ma");
        final String modelB = unique("mb");
        final String brokenImage = "nvcr.io/nvidia/tritonserver:24.09-broken-" + UUID.randomUUID().toString()
                .substring(0, 8);
        private final Map<String, Variant> variants = new HashMap<>();

        Catalog() {
            operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
            operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
            operator().body(Fixtures.model()).put("/api/v1/models/" + modelA).then().statusCode(201);
            operator().body(Fixtures.model()).put("/api/v1/models/" + modelB).then().statusCode(201);
            variant(modelA, "A", "1.0.0", "INT8", cpu, 200, 0, OVMS);
            variant(modelA, "A", "2.0.0", "FP16", t4, 1000, 1, TRITON);
            variant(modelB, "B", "1.0.0", "INT8", t4, 1000, 1, TRITON);
            variant(modelB, "B", "2.0.0", "INT8", t4, 1100, 1, TRITON_NEXT);
            variant(modelB, "B", BROKEN_VERSION, "INT8", t4, 1100, 1, brokenImage);
        }

        Variant variant(String id) {
            return variants.get(id);
        }

        private void variant(String model, String role, String version, String precision, String hardware,
                double rps, int accelerators, String image) {
            Map<String, Object> body = new HashMap<>(Fixtures.variant(precision, hardware));
            body.put("version", version);
            body.put("image", image);
            body.put("benchmarks", List.of(Map.of("hardware", hardware, "batchSize", 8, "p99LatencyMs", 7,
                    "throughputRps", rps, "acceleratorsPerReplica", accelerators, "vcpusPerReplica", 2,
                    "memoryGiBPerReplica", 2)));
            String id = operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                    .extract().path("id");
            variants.put(id, new Variant(role, role + "@" + version, rps));
        }
    }

    final Catalog catalog;
    final String namespace = "a-" + unique("c");
    final String a = unique("d");
    final String b = a + "-z";

    /** Registers the cluster and both deployments on v1 (not yet rolled out). */
    SweepFleet(Catalog catalog) {
        this.catalog = catalog;
        // An apiServer target needs a credentials reference, and only an admin may set one.
        admin().body(Map.of("region", "us-east-1", "target", Map.of("type", "KUBERNETES", "apiServer",
                "https://api." + namespace + ".example:6443", "namespace", namespace, "credentialsRef",
                "env:MODELFLEET_CLUSTER_TEST"), "nodePools", List.of(
                        Map.of("name", "gpu", "hardware", catalog.t4, "capacityType", "ON_DEMAND", "maxNodes", 10),
                        Map.of("name", "cpu", "hardware", catalog.cpu, "capacityType", "ON_DEMAND", "maxNodes", 10))))
                .put("/api/v1/clusters/" + namespace).then().statusCode(201);
        deploy(a, catalog.modelA, "1.0.0", DEMAND_A);
        deploy(b, catalog.modelB, "1.0.0", DEMAND_B);
    }

    /** Points both deployments at v2; B's v2 is the broken one when {@code brokenB}. */
    void upgradeToV2(boolean brokenB) {
        deploy(a, catalog.modelA, "2.0.0", DEMAND_A);
        deploy(b, catalog.modelB, brokenB ? Catalog.BROKEN_VERSION : "2.0.0", DEMAND_B);
    }

    /** Plans both deployments and starts a rollout of the plan. */
    UUID rollout(int stepTimeoutSeconds) {
        String plan = operator().body(Map.of("deployments", List.of(a, b))).post("/api/v1/plans").then()
                .statusCode(201).extract().path("id");
        return UUID.fromString(operator().body(Map.of("planId", plan, "stepTimeoutSeconds", stepTimeoutSeconds))
                .post("/api/v1/rollouts").then().statusCode(201).extract().path("id"));
    }

    /** demand x (1 + headroom) of a deployment. */
    double need(String deployment) {
        return (deployment.equals(a) ? DEMAND_A : DEMAND_B) * (1 + HEADROOM);
    }

    /**
     * Capacity serving each deployment now: the sum, over available pods of this fleet's namespace, of the benchmark
     * rps of the variant the pod runs (its MODEL_VARIANT_ID). A pod of a variant not in the catalog counts under "?".
     */
    Map<String, Double> capacity(List<PodView> pods) {
        Map<String, Double> out = new TreeMap<>(Map.of(a, 0.0, b, 0.0));
        for (PodView pod : pods) {
            if (!pod.available()) {
                continue;
            }
            Variant v = catalog.variant(pod.env("MODEL_VARIANT_ID"));
            out.merge(v == null ? "?" : v.role().equals("A") ? a : b, v == null ? 0.0 : v.rps(), Double::sum);
        }
        return out;
    }

    /**
     * What ModelFleet runs in the namespace, with the unique names replaced by placeholders (A, B, NS, T4, CPU,
     * MODEL-A, MODEL-B, variant labels) so that two fleets' objects compare equal when they are the same objects.
     */
    List<String> objects(KubernetesClient client) {
        List<String> out = new ArrayList<>();
        for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
            var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            String variant = container.getEnv().stream().filter(e -> e.getName().equals("MODEL_VARIANT_ID"))
                    .map(e -> label(e.getValue())).findFirst().orElse("none");
            out.add("Deployment " + name(d) + " replicas=" + d.getSpec().getReplicas() + " image="
                    + normalize(container.getImage()) + " variant=" + variant + " labels=" + labels(d));
        }
        for (Service s : client.services().inNamespace(namespace).list().getItems()) {
            out.add("Service " + name(s) + " selector=" + normalize(String.valueOf(new TreeMap<>(
                    s.getSpec().getSelector()))) + " ports=" + s.getSpec().getPorts().stream()
                    .map(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getStrVal()).toList());
        }
        for (PodDisruptionBudget p : client.policy().v1().podDisruptionBudget().inNamespace(namespace).list()
                .getItems()) {
            out.add("PodDisruptionBudget " + name(p) + " maxUnavailable=" + p.getSpec().getMaxUnavailable()
                    .getIntVal() + " selector=" + normalize(String.valueOf(new TreeMap<>(p.getSpec().getSelector()
                    .getMatchLabels()))));
        }
        out.sort(null);
        return out;
    }

    /** Deletes the fleet's objects, so that the controller's passes stay as short as the first run's. */
    void removeObjects(KubernetesClient client) {
        client.apps().deployments().inNamespace(namespace).delete();
        client.services().inNamespace(namespace).delete();
        client.policy().v1().podDisruptionBudget().inNamespace(namespace).delete();
    }

    /** B's name contains A's, so B is replaced first. */
    String normalize(String text) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(b, "B");
        names.put(a, "A");
        names.put(catalog.modelB, "MODEL-B");
        names.put(catalog.modelA, "MODEL-A");
        names.put(namespace, "NS");
        names.put(catalog.t4, "T4");
        names.put(catalog.cpu, "CPU");
        names.put(catalog.brokenImage, "BROKEN-IMAGE");
        String out = text;
        for (Map.Entry<String, String> e : names.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private String label(String variantId) {
        Variant v = catalog.variant(variantId);
        return v == null ? "?" : v.label();
    }

    private String labels(Deployment d) {
        Map<String, String> labels = new TreeMap<>(d.getMetadata().getLabels());
        labels.computeIfPresent("modelfleet.io/variant", (k, id) -> label(id));
        // The spec hash covers the pods' MODEL_VARIANT_ID, a per-run id: runs compare whether it is there, and the
        // spec itself through replicas, image and variant.
        labels.computeIfPresent("modelfleet.io/spec-hash", (k, hash) -> hash.matches("[0-9a-f]{16}") ? "HASH" : hash);
        return normalize(labels.toString());
    }

    private String name(HasMetadata o) {
        return normalize(o.getMetadata().getName());
    }

    private void deploy(String deployment, String model, String version, double rps) {
        operator().body(Map.of("model", model, "version", version, "slo", Map.of("p99LatencyMs", 50,
                "headroom", HEADROOM), "demand", List.of(Map.of("cluster", namespace, "rps", rps))))
                .put("/api/v1/deployments/" + deployment).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }
}
