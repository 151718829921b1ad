package io.modelfleet.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelfleet.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A valid request for every operation of the API, from which the fuzzer mutates: path parameters, query
 * parameters and a body. Keyed by "METHOD template" exactly as the OpenAPI document names the operation; an
 * operation the document lists without an entry here fails the fuzz test, so endpoints added later get one.
 */
final class Endpoints {

    /** What the fuzz test seeded through the API before it starts, so that valid requests find real things. */
    record Seeded(String gpu, String cpu, String model, UUID variant, String cluster, String deployment, UUID plan,
            UUID token) {
    }

    /** A valid starting point: path parameters by name, query parameters, and the body (null for none). */
    record Base(Map<String, String> path, Map<String, String> query, ObjectNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Seeded seeded;
    private final Map<String, BiFunction<Random, Seeded, Base>> byOperation = new LinkedHashMap<>();

    Endpoints(Seeded seeded) {
        this.seeded = seeded;
        named("/api/v1/hardware-profiles", s -> List.of(s.gpu(), s.cpu(), "fz-hw-0", "fz-hw-1"),
                (r, s) -> tree(r.nextBoolean() ? Fixtures.t4Profile() : Fixtures.cpuProfile(0.2)));
        named("/api/v1/models", s -> List.of(s.model(), "fz-model-0", "fz-model-1"), (r, s) -> tree(Fixtures.model()));
        named("/api/v1/clusters", s -> List.of(s.cluster(), "fz-cluster-0", "fz-cluster-1"),
                (r, s) -> cluster(r, s));
        named("/api/v1/deployments", s -> List.of(s.deployment(), "fz-dep-0", "fz-dep-1"),
                (r, s) -> deployment(r, s));

        String variants = "/api/v1/models/{model}/variants";
        add("GET " + variants, (r, s) -> base(Map.of("model", s.model()), paging(r), null));
        add("POST " + variants, (r, s) -> base(Map.of("model", s.model()), Map.of(), variant(r, s)));
        add("GET " + variants + "/{id}", (r, s) -> base(variantPath(r, s), Map.of(), null));
        add("PUT " + variants + "/{id}", (r, s) -> base(variantPath(r, s), Map.of(), variant(r, s)));
        add("DELETE " + variants + "/{id}", (r, s) -> base(Map.of("model", s.model(), "id",
                UUID.randomUUID().toString()), Map.of(), null));
        add("POST " + variants + "/{id}/benchmarks", (r, s) -> base(variantPath(r, s), Map.of(),
                tree(Map.of("benchmarks", List.of(Fixtures.benchmark(s.gpu()))))));
        add("POST " + variants + "/{id}/verify", (r, s) -> base(variantPath(r, s), Map.of(), null));
        add("POST " + variants + "/{id}/benchmarks/estimate", (r, s) -> base(variantPath(r, s), Map.of(),
                tree(Map.of("hardware", List.of(s.gpu()), "batchSizes", List.of(1, 2 + r.nextInt(31)),
                        "vcpusPerReplica", 1 + r.nextInt(3)))));
        add("POST " + variants + "/{id}/benchmarks/import", (r, s) -> base(variantPath(r, s),
                Map.of("format", "sagemaker"), sageMakerJob(r, s)));

        // Profiling: the seeded variant's first valid request creates a PENDING run (the driver is off), later ones
        // are 409s; random run ids find nothing, so no results are ever ingested here.
        String runs = variants + "/{id}/profiling-runs";
        add("GET " + runs, (r, s) -> base(variantPath(r, s), paging(r), null));
        add("POST " + runs, (r, s) -> base(variantPath(r, s), Map.of(), profilingRun(r, s)));
        add("GET /api/v1/profiling-runs/{runId}", (r, s) -> base(Map.of("runId", UUID.randomUUID().toString()),
                Map.of(), null));
        add("POST /api/v1/profiling-runs/{runId}/cancel", (r, s) -> base(Map.of("runId",
                UUID.randomUUID().toString()), Map.of(), null));
        add("POST /api/v1/profiling-runs/{runId}/results", (r, s) -> base(Map.of("runId",
                UUID.randomUUID().toString()), Map.of(), tree(loadgenDocument(r))));

        add("POST /api/v1/import", (r, s) -> base(Map.of(), Map.of(), importBody(r, s)));
        add("POST /api/v1/plans", (r, s) -> base(Map.of(), Map.of(), tree(Map.of("deployments",
                List.of(s.deployment()), "timeLimitSeconds", 1))));
        add("GET /api/v1/plans", (r, s) -> base(Map.of(), paging(r), null));
        add("GET /api/v1/plans/{id}", (r, s) -> base(Map.of("id", someId(r, s.plan())), Map.of(), null));
        add("POST /api/v1/plans/{id}/profiling-runs", (r, s) -> base(Map.of("id", someId(r, s.plan())), Map.of(),
                tree(Map.of("input", Map.of("name", "x", "shape", List.of(64), "datatype", "FP32"),
                        "durationSeconds", 1 + r.nextInt(30)))));
        add("GET /api/v1/plans/{id}/diff", (r, s) -> base(Map.of("id", someId(r, s.plan())), Map.of(), null));
        add("GET /api/v1/plans/{id}/events", (r, s) -> base(Map.of("id", someId(r, s.plan())), Map.of(), null));
        // The seeded plan is finished, so a cancel is a 409 (or a 404 for a random id): nothing is stopped.
        add("POST /api/v1/plans/{id}/cancel", (r, s) -> base(Map.of("id", someId(r, s.plan())), Map.of(), null));
        add("DELETE /api/v1/plans/{id}", (r, s) -> base(Map.of("id", someId(r, s.plan())), Map.of(), null));
        add("GET /api/v1/plans/{id}/alternatives", (r, s) -> {
            Map<String, String> query = new LinkedHashMap<>(paging(r));
            if (r.nextBoolean()) {
                query.put("deployment", s.deployment());
            }
            if (r.nextBoolean()) {
                query.put("cluster", s.cluster());
            }
            return base(Map.of("id", someId(r, s.plan())), query, null);
        });
        add("POST /api/v1/deployments/{name}/upgrade", (r, s) -> base(Map.of("name", s.deployment()), Map.of(),
                tree(Map.of("version", "1.0.0", "timeLimitSeconds", 1))));

        // Rollout creation needs reachable targets; its body validation is what is fuzzed (a random plan id).
        add("POST /api/v1/rollouts", (r, s) -> base(Map.of(), Map.of(), tree(Map.of("planId",
                UUID.randomUUID().toString(), "canary", s.cluster(), "waves", List.of(List.of(s.cluster())),
                "stepTimeoutSeconds", 60))));
        add("GET /api/v1/rollouts", (r, s) -> base(Map.of(), paging(r), null));
        for (String action : List.of("", "/pause", "/resume", "/abort", "/events")) {
            String method = action.isEmpty() || action.equals("/events") ? "GET" : "POST";
            add(method + " /api/v1/rollouts/{id}" + action, (r, s) -> base(Map.of("id", UUID.randomUUID().toString()),
                    Map.of(), null));
        }
        add("POST /api/v1/rollouts/{id}/force-end", (r, s) -> base(Map.of("id", UUID.randomUUID().toString()),
                Map.of(), tree(Map.of("reason", "stuck rollback"))));

        // Recommendations: random ids find nothing (404), so accept never starts a rollout here.
        add("GET /api/v1/recommendations", (r, s) -> {
            Map<String, String> query = new LinkedHashMap<>(paging(r));
            query.put("status", pick(r, List.of("ALL", "OPEN", "PENDING", "ACCEPTED", "DISMISSED", "SUPERSEDED")));
            if (r.nextBoolean()) {
                query.put("deployment", s.deployment());
            }
            return base(Map.of(), query, null);
        });
        add("GET /api/v1/recommendations/status", (r, s) -> base(Map.of(), Map.of(), null));
        add("GET /api/v1/recommendations/{id}", (r, s) -> base(Map.of("id", UUID.randomUUID().toString()), Map.of(),
                null));
        add("POST /api/v1/recommendations/{id}/accept", (r, s) -> base(Map.of("id", UUID.randomUUID().toString()),
                Map.of(), null));
        add("POST /api/v1/recommendations/{id}/dismiss", (r, s) -> base(Map.of("id", UUID.randomUUID().toString()),
                Map.of(), tree(Map.of("note", "not now"))));

        add("POST /api/v1/tokens", (r, s) -> base(Map.of(), Map.of(), tree(Map.of("name", "fz-token-" + r.nextInt(4),
                "role", "VIEWER"))));
        add("GET /api/v1/tokens", (r, s) -> base(Map.of(), paging(r), null));
        add("DELETE /api/v1/tokens/{id}", (r, s) -> base(Map.of("id", someId(r, s.token())), Map.of(), null));
        add("POST /api/v1/tokens/{id}/rotate", (r, s) -> base(Map.of("id", someId(r, s.token())), Map.of(),
                tree(Map.of("overlapSeconds", 60))));
        add("GET /api/v1/audit", (r, s) -> {
            Map<String, String> query = new LinkedHashMap<>(paging(r));
            query.put("resource", r.nextBoolean() ? "cluster/" + s.cluster() : "hardware-profile");
            query.put("actor", "admin");
            query.put("since", "2026-01-01T00:00:00Z");
            query.put("until", "2036-01-01T00:00:00Z");
            return base(Map.of(), query, null);
        });

        // The dashboard's reads (io.modelfleet.dashboard): only the plan id varies.
        add("GET /api/v1/me", (r, s) -> base(Map.of(), Map.of(), null));
        add("GET /api/v1/fleet/running", (r, s) -> base(Map.of(), Map.of(), null));
        add("GET /api/v1/catalog/frontier", (r, s) -> base(Map.of(), Map.of(), null));
        add("GET /api/v1/plans/{id}/nodes", (r, s) -> base(Map.of("id", someId(r, s.plan())), Map.of(), null));

        add("POST /api/v1/pricing/refresh", (r, s) -> base(Map.of(), Map.of("region", "us-east-1"), null));
        add("GET /api/v1/quotas", (r, s) -> base(Map.of(), Map.of(), null));
        add("PUT /api/v1/quotas/{region}/{code}", (r, s) -> base(Map.of("region", "us-west-2", "code", "L-1216C47A"),
                Map.of(), tree(Map.of("limitVcpus", 512))));
        add("DELETE /api/v1/quotas/{region}/{code}", (r, s) -> base(Map.of("region", "us-west-2", "code",
                "L-34B43A08"), Map.of(), null));
        add("POST /api/v1/quotas/refresh", (r, s) -> base(Map.of(), Map.of("region", "us-east-1"), null));
        add("POST /api/v1/clusters/discover", (r, s) -> base(Map.of(), Map.of(), tree(Map.of("region",
                "us-east-1"))));
    }

    boolean covers(String operation) {
        return byOperation.containsKey(operation);
    }

    Base base(String operation, Random random) {
        return byOperation.get(operation).apply(random, seeded);
    }

    private void named(String root, java.util.function.Function<Seeded, List<String>> names,
            BiFunction<Random, Seeded, ObjectNode> body) {
        add("GET " + root, (r, s) -> base(Map.of(), paging(r), null));
        add("GET " + root + "/{name}", (r, s) -> base(Map.of("name", pick(r, names.apply(s))), Map.of(), null));
        add("PUT " + root + "/{name}", (r, s) -> base(Map.of("name", pick(r, names.apply(s))), Map.of(),
                body.apply(r, s)));
        // Deleting the seeded things would leave nothing valid to mutate: only the spare names are deleted.
        add("DELETE " + root + "/{name}", (r, s) -> base(Map.of("name", pick(r, names.apply(s).subList(
                names.apply(s).size() - 2, names.apply(s).size()))), Map.of(), null));
    }

    private void add(String operation, BiFunction<Random, Seeded, Base> generator) {
        byOperation.put(operation, generator);
    }

    private static Base base(Map<String, String> path, Map<String, String> query, ObjectNode body) {
        return new Base(new LinkedHashMap<>(path), new LinkedHashMap<>(query), body);
    }

    private static Map<String, String> paging(Random r) {
        return r.nextBoolean() ? Map.of() : Map.of("page", "0", "size", String.valueOf(1 + r.nextInt(20)));
    }

    private static Map<String, String> variantPath(Random r, Seeded s) {
        return Map.of("model", s.model(), "id", someId(r, s.variant()));
    }

    private static String someId(Random r, UUID real) {
        return (r.nextInt(4) == 0 ? UUID.randomUUID() : real).toString();
    }

    private static ObjectNode variant(Random r, Seeded s) {
        ObjectNode v = tree(Fixtures.variant(r.nextBoolean() ? "INT8" : "FP16", s.gpu()));
        v.put("version", "1.0." + (1 + r.nextInt(3)));
        return v;
    }

    /** Half the clusters name a metrics source: most an operator may set, some only an admin (loopback, a token). */
    private static ObjectNode cluster(Random r, Seeded s) {
        ObjectNode cluster = tree(Fixtures.cluster("us-east-1", r.nextBoolean() ? s.gpu() : s.cpu()));
        if (r.nextBoolean()) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("prometheusUrl", pick(r, List.of("https://prom.example:9090", "http://prometheus.monitoring"
                    + ".svc:9090/prom", "http://127.0.0.1:9090", "https://[fd00:ec2::254]/")));
            if (r.nextInt(3) == 0) {
                metrics.put("credentialsRef", pick(r, List.of("env:MODELFLEET_CLUSTER_PROM",
                        "secret:monitoring/modelfleet-cluster-prom", "eks:us-east-1/prod")));
            }
            cluster.set("metrics", tree(metrics));
        }
        return cluster;
    }

    /**
     * Deployments with a demand source, some analysis knobs, autoRollout and a disruption budget, at their bounds
     * or in between, each half the time.
     */
    private static ObjectNode deployment(Random r, Seeded s) {
        ObjectNode deployment = tree(Fixtures.deployment(s.model(), s.cluster(), 100));
        if (r.nextBoolean()) {
            deployment.put("demandSource", pick(r, List.of("DECLARED", "OBSERVED", "MAX")));
        }
        if (r.nextBoolean()) {
            Map<String, Object> analysis = new LinkedHashMap<>();
            Map<String, List<Object>> knobs = new LinkedHashMap<>();
            knobs.put("runtime", List.of("TRITON", "KSERVE", "OPENMETRICS"));
            knobs.put("interval", List.of("5s", "30s", "1m30s", "1h"));
            knobs.put("count", List.of(1, 3, 100));
            knobs.put("initialDelay", List.of("0s", "0", "2m", "1h"));
            knobs.put("failureLimit", List.of(0, 2, 100));
            knobs.put("inconclusiveLimit", List.of(0, 1, 100));
            knobs.put("consecutiveErrorLimit", List.of(0, 4, 100));
            knobs.put("minRequests", List.of(0, 50, 1_000_000_000));
            knobs.put("maxErrorRatio", List.of(0, 0.01, 1));
            knobs.put("window", List.of("1m", "5m", "1d"));
            knobs.put("errorRatio", List.of("REQUIRED", "OPTIONAL"));
            knobs.forEach((knob, values) -> {
                if (r.nextInt(3) > 0) {
                    analysis.put(knob, pick(r, values));
                }
            });
            deployment.set("analysis", tree(analysis));
        }
        if (r.nextBoolean()) {
            deployment.put("autoRollout", pick(r, List.of("NEVER", "WITHIN_BUDGET")));
        }
        if (r.nextBoolean()) {
            deployment.set("disruptionBudget", tree(disruptionBudget(r)));
        }
        return deployment;
    }

    /** A disruption budget at its bounds or in between; a maintenance window half the time. */
    private static Map<String, Object> disruptionBudget(Random r) {
        Map<String, Object> budget = new LinkedHashMap<>();
        if (r.nextBoolean()) {
            budget.put("maxDisruptedPercent", pick(r, List.of(1, 25, 100)));
        }
        if (r.nextBoolean()) {
            budget.put("maintenanceWindow", Map.of("schedule", pick(r, List.of("0 2 * * *", "*/15 1-3 * * mon-fri",
                    "30 23 * * 0")), "duration", pick(r, List.of("1m", "2h", "90m", "7d"))));
        }
        return budget;
    }

    /** A profiling request on the seeded GPU (the variant is FP16), with some of the optional fields. */
    private static ObjectNode profilingRun(Random r, Seeded s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hardware", r.nextInt(4) == 0 ? "ALL_NATIVE" : s.gpu());
        body.put("input", Map.of("name", "x", "shape", List.of(3, 224, 224), "datatype", pick(r, List.of("FP32",
                "FP16", "INT8"))));
        if (r.nextBoolean()) {
            body.put("batchSizes", pick(r, List.of(List.of(1), List.of(1, 8), List.of(1, 4, 16, 64))));
        }
        if (r.nextBoolean()) {
            body.put("concurrencies", pick(r, List.of(List.of(1), List.of(1, 4), List.of(2, 8, 32))));
        }
        if (r.nextBoolean()) {
            body.put("durationSeconds", pick(r, List.of(1, 10, 30)));
            body.put("timeoutSeconds", pick(r, List.of(600, 1800, 86_400)));
        }
        if (r.nextBoolean()) {
            body.put("cluster", s.cluster());
        }
        if (r.nextBoolean()) {
            body.put("acceleratorsPerReplica", 1);
            body.put("vcpusPerReplica", pick(r, List.of(0.5, 1, 2)));
            body.put("memoryGiBPerReplica", pick(r, List.of(1, 4)));
        }
        return tree(body);
    }

    /** The load generator's result document, as a profiling Job prints it. */
    private static Map<String, Object> loadgenDocument(Random r) {
        int batch = pick(r, List.of(1, 8));
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("batchSize", batch);
        point.put("concurrency", 1);
        point.put("durationSeconds", 10.0);
        point.put("requests", 1000);
        point.put("inferences", 1000 * batch);
        point.put("errors", 0);
        point.put("throughputRps", 100.0 * batch);
        point.put("meanMs", 10.0);
        point.put("p50Ms", 9.5);
        point.put("p90Ms", 12.0);
        point.put("p99Ms", 15.0);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", "modelfleet-loadgen");
        doc.put("version", 1);
        doc.put("target", "kserve-v2");
        doc.put("model", "fz-model");
        doc.put("provider", "remote");
        doc.put("startedAt", "2026-12-03T10:00:00Z");
        doc.put("host", Map.of("cpus", 4, "os", "Linux"));
        doc.put("points", List.of(point));
        return doc;
    }

    /** A SageMaker Inference Recommender job (JSON, so the mutations apply) naming the seeded GPU profile. */
    private static ObjectNode sageMakerJob(Random r, Seeded s) {
        // One recommendation: two for the same instance type would be one operating point twice, refused.
        Map<String, Object> item = Map.of("RecommendationId", "fz/0", "Metrics", Map.of("CostPerHour", 0.736,
                "CostPerInference", 8.0e-7, "MaxInvocations", 6000 + 1200 * r.nextInt(5), "ModelLatency",
                4 + r.nextInt(8)), "EndpointConfiguration", Map.of("EndpointName", "fz-0", "VariantName", "fz-0",
                "InstanceType", "ml." + s.gpu(), "InitialInstanceCount", 1 + r.nextInt(2)));
        return tree(Map.of("JobName", "fz-job", "JobType", "Default", "Status", "COMPLETED",
                "InferenceRecommendations", List.of(item)));
    }

    private static ObjectNode importBody(Random r, Seeded s) {
        Map<String, Object> profile = new LinkedHashMap<>(Fixtures.cpuProfile(0.3));
        profile.put("name", "fz-import-cpu");
        Map<String, Object> variant = new LinkedHashMap<>(Fixtures.variant("INT8", "fz-import-cpu"));
        variant.put("benchmarks", List.of(Map.of("hardware", "fz-import-cpu", "batchSize", 1, "p99LatencyMs", 9,
                "throughputRps", 50, "vcpusPerReplica", 1, "memoryGiBPerReplica", 2)));
        return tree(Map.of("hardwareProfiles", List.of(profile), "models", List.of(Map.of("name", "fz-import-model",
                "task", "text-classification", "accuracyMetric", "f1", "variants", List.of(variant)))));
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    static ObjectNode tree(Object value) {
        return JSON.valueToTree(value);
    }
}
