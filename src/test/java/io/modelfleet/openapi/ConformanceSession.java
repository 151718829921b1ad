package io.modelfleet.openapi;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.anonymous;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static io.restassured.RestAssured.given;

import io.modelfleet.cloud.aws.ArtifactStore;
import io.modelfleet.cloud.aws.FakeArtifactStore;
import io.modelfleet.testing.Api;
import io.modelfleet.testing.Fixtures;
import io.vertx.mutiny.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * THE list of conformance cases: one realistic session through every operation of the API, each step naming its
 * operation exactly as the OpenAPI document does and the status the contract gives. To cover a new endpoint, add a
 * step here (a success case, and its error cases) in the section it belongs to; {@link OpenApiConformanceTest}
 * fails for any operation of the document that no step answered with a 2xx. Lists are read with the largest page,
 * so that whatever other test classes left in the shared database is checked too.
 */
final class ConformanceSession {

    private static final String API = "/api/v1";

    /** Operations whose violations are printed but do not fail the test (none: every operation is held to it). */
    static final java.util.Set<String> DEFERRED = java.util.Set.of();

    private final ConformanceRecorder r;
    private final FakeArtifactStore artifacts;
    private final Pool pool;
    private final String gpu = unique("oa-t4");
    private final String cpu = unique("oa-cpu");
    private final String model = unique("oa-model");
    private final String cluster = unique("oa-cluster");
    private final String deployment = unique("oa-dep");
    /** The variant the fleet serves (version 1.0.0, FP16 on the T4 profile). */
    private String served;

    ConformanceSession(ConformanceRecorder recorder, FakeArtifactStore artifacts, Pool pool) {
        this.r = recorder;
        this.artifacts = artifacts;
        this.pool = pool;
    }

    void run() {
        authentication();
        hardwareProfiles();
        models();
        String variant = variants();
        fleet();
        catalogImport();
        UUID plan = plans();
        views(plan);
        rollouts(plan);
        recommendations(plan);
        profiling(variant);
        aws();
        tokens();
        audit();
        deletions(variant);
    }

    private void authentication() {
        r.call("GET /api/v1/models", "no token", 401, () -> anonymous().get(API + "/models"));
        r.call("PUT /api/v1/models/{name}", "a viewer may not write", 403,
                () -> viewer().body(Fixtures.model()).put(API + "/models/" + unique("oa-refused")));
        r.call("PUT /api/v1/models/{name}", "a body that is not JSON", 415, () -> operator().contentType("text/plain")
                .body("task: image-classification").put(API + "/models/" + unique("oa-refused")));
        r.call("POST /api/v1/import", "a body over modelfleet.api.max-body-bytes", 413, () -> operator()
                .body("{\"models\": \"" + "x".repeat(1_100_000) + "\"}").post(API + "/import"));
    }

    private void hardwareProfiles() {
        String path = API + "/hardware-profiles/";
        r.call("PUT /api/v1/hardware-profiles/{name}", "create a GPU profile", 201,
                () -> operator().body(Fixtures.t4Profile()).put(path + gpu));
        r.call("PUT /api/v1/hardware-profiles/{name}", "replace it", 200,
                () -> operator().body(Fixtures.t4Profile()).put(path + gpu));
        r.call("PUT /api/v1/hardware-profiles/{name}", "create a CPU profile", 201,
                () -> operator().body(Fixtures.cpuProfile(0.2)).put(path + cpu));
        Map<String, Object> invalid = new LinkedHashMap<>(Fixtures.cpuProfile(0.2));
        invalid.put("vcpus", -1);
        r.call("PUT /api/v1/hardware-profiles/{name}", "negative vcpus", 400,
                () -> operator().body(invalid).put(path + unique("oa-bad")));
        r.call("GET /api/v1/hardware-profiles", "list", 200,
                () -> viewer().queryParam("size", 500).get(API + "/hardware-profiles"));
        r.call("GET /api/v1/hardware-profiles/{name}", "read one", 200, () -> viewer().get(path + gpu));
        r.call("GET /api/v1/hardware-profiles/{name}", "unknown name", 404,
                () -> viewer().get(path + unique("oa-none")));
    }

    private void models() {
        String path = API + "/models/" + model;
        r.call("PUT /api/v1/models/{name}", "create a model", 201, () -> operator().body(Fixtures.model()).put(path));
        r.call("PUT /api/v1/models/{name}", "stale If-Match", 412,
                () -> operator().header("If-Match", "\"999\"").body(Fixtures.model()).put(path));
        r.call("GET /api/v1/models", "list", 200, () -> viewer().queryParam("size", 500).get(API + "/models"));
        r.call("GET /api/v1/models/{name}", "read one", 200, () -> viewer().get(path));
    }

    /** Variants of the model: the first one (1.0.0) is what the fleet serves; the id of a spare 1.1.0 is returned. */
    private String variants() {
        String path = API + "/models/" + model + "/variants";
        String id = r.call("POST /api/v1/models/{model}/variants", "create a variant", 201,
                () -> operator().body(Fixtures.variant("FP16", gpu)).post(path)).path("id");
        served = id;
        r.call("POST /api/v1/models/{model}/variants", "the same variant again", 409,
                () -> operator().body(Fixtures.variant("FP16", gpu)).post(path));
        Map<String, Object> next = new LinkedHashMap<>(Fixtures.variant("FP16", gpu));
        next.put("version", "1.1.0");
        next.put("artifactUri", "s3://bucket/" + model + "/1.1.0.onnx");
        String spare = r.call("POST /api/v1/models/{model}/variants", "create version 1.1.0", 201,
                () -> operator().body(next).post(path)).path("id");
        r.call("GET /api/v1/models/{model}/variants", "list", 200, () -> viewer().get(path));
        r.call("GET /api/v1/models/{model}/variants/{id}", "read one", 200, () -> viewer().get(path + "/" + id));
        r.call("GET /api/v1/models/{model}/variants/{id}", "unknown id", 404,
                () -> viewer().get(path + "/" + UUID.randomUUID()));
        next.put("flopsPerInference", 8.18e9);
        r.call("PUT /api/v1/models/{model}/variants/{id}", "replace the spare", 200,
                () -> operator().body(next).put(path + "/" + spare));
        Map<String, Object> benchmark = new LinkedHashMap<>(Fixtures.benchmark(gpu));
        benchmark.put("batchSize", 16);
        r.call("POST /api/v1/models/{model}/variants/{id}/benchmarks", "add a batch size", 200,
                () -> operator().body(Map.of("benchmarks", List.of(benchmark))).post(path + "/" + id + "/benchmarks"));
        artifacts.put((String) Fixtures.variant("FP16", gpu).get("artifactUri"),
                new ArtifactStore.Facts(true, 25_000_000, Optional.of("a".repeat(64))));
        r.call("POST /api/v1/models/{model}/variants/{id}/verify", "artifact matches", 200,
                () -> operator().post(path + "/" + id + "/verify"));
        r.call("POST /api/v1/models/{model}/variants/{id}/verify", "artifact missing", 422,
                () -> operator().post(path + "/" + spare + "/verify"));
        imports(path + "/" + spare + "/benchmarks/import?hardware=" + gpu);
        estimates(path + "/" + spare + "/benchmarks/estimate", path + "/" + id + "/benchmarks/estimate");
        return spare;
    }

    /** Benchmark files imported onto the spare variant: created, the same again, malformed, refused. */
    private void imports(String path) {
        String sweep = "Concurrency,Inferences/Second,p50 latency,p90 latency,p95 latency,p99 latency\n"
                + "1,180.2,5210,5640,5820,6100\n2,330.5,5980,6610,6900,7300\n";
        String operation = "POST /api/v1/models/{model}/variants/{id}/benchmarks/import";
        r.call(operation, "a perf_analyzer sweep", 201,
                () -> operator().contentType("text/csv").body(sweep).post(path + "&format=perf_analyzer&batchSize=2"));
        r.call(operation, "the same file again", 200,
                () -> operator().contentType("text/csv").body(sweep).post(path + "&format=perf_analyzer&batchSize=2"));
        r.call(operation, "a malformed line", 400, () -> operator().contentType("text/csv")
                .body(sweep.replace("7300", "n/a")).post(path + "&format=perf_analyzer&batchSize=2"));
        r.call(operation, "an INVALID MLPerf result", 422, () -> operator().contentType("text/plain")
                .body("================================================\nMLPerf Results Summary\n"
                        + "================================================\nSUT name : sut\nScenario : Offline\nMode     : PerformanceOnly\nSamples per second: 412.7\n"
                        + "Result is : INVALID\n  Min duration satisfied : NO\n").post(path + "&format=mlperf"));
    }

    /** Roofline estimates: on a profile with peaks (created here), the same again, and a variant with no FLOPs. */
    private void estimates(String spare, String withoutFlops) {
        String peaked = unique("oa-peaks");
        Map<String, Object> profile = new LinkedHashMap<>(Fixtures.t4Profile());
        profile.put("peakTeraOps", Map.of("FP32", 8.1, "FP16", 65, "INT8", 130));
        profile.put("memoryBandwidthGBps", 320);
        r.call("PUT /api/v1/hardware-profiles/{name}", "a profile with peaks", 201,
                () -> operator().body(profile).put(API + "/hardware-profiles/" + peaked));
        String operation = "POST /api/v1/models/{model}/variants/{id}/benchmarks/estimate";
        Map<String, Object> request = Map.of("hardware", List.of(peaked), "batchSizes", List.of(1, 8));
        r.call(operation, "estimate two batch sizes", 201, () -> operator().body(request).post(spare));
        r.call(operation, "the same estimates again", 200, () -> operator().body(request).post(spare));
        r.call(operation, "a variant without flopsPerInference", 422,
                () -> operator().body(request).post(withoutFlops));
        r.call(operation, "a batch size of 0", 400,
                () -> operator().body(Map.of("batchSizes", List.of(0))).post(spare));
    }

    private void fleet() {
        r.call("PUT /api/v1/clusters/{name}", "create a GitOps cluster", 201,
                () -> operator().body(Fixtures.cluster("us-east-1", gpu)).put(API + "/clusters/" + cluster));
        r.call("PUT /api/v1/clusters/{name}", "a pool on unknown hardware", 400, () -> operator()
                .body(Fixtures.cluster("us-east-1", unique("oa-none"))).put(API + "/clusters/" + unique("oa-c")));
        r.call("GET /api/v1/clusters", "list", 200, () -> viewer().queryParam("size", 500).get(API + "/clusters"));
        r.call("GET /api/v1/clusters/{name}", "read one", 200, () -> viewer().get(API + "/clusters/" + cluster));
        r.call("PUT /api/v1/deployments/{name}", "create a deployment", 201, () -> operator()
                .body(Fixtures.deployment(model, cluster, 100)).put(API + "/deployments/" + deployment));
        String budgeted = unique("oa-budget");
        Map<String, Object> withBudget = new HashMap<>(Fixtures.deployment(model, cluster, 100));
        withBudget.put("autoRollout", "WITHIN_BUDGET");
        withBudget.put("disruptionBudget", Map.of("maxDisruptedPercent", 25, "maintenanceWindow",
                Map.of("schedule", "0 2 * * *", "duration", "2h")));
        r.call("PUT /api/v1/deployments/{name}", "a deployment with a disruption budget", 201, () -> operator()
                .body(withBudget).put(API + "/deployments/" + budgeted));
        r.call("DELETE /api/v1/deployments/{name}", "delete the deployment with a budget", 204,
                () -> operator().delete(API + "/deployments/" + budgeted));
        r.call("PUT /api/v1/deployments/{name}", "an invalid maintenance window", 400, () -> operator()
                .body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 100),
                        "disruptionBudget", Map.of("maintenanceWindow", Map.of("schedule", "nightly",
                                "duration", "2h")))).put(API + "/deployments/" + unique("oa-budget")));
        r.call("GET /api/v1/deployments", "list", 200,
                () -> viewer().queryParam("size", 500).get(API + "/deployments"));
        r.call("GET /api/v1/deployments/{name}", "read one", 200,
                () -> viewer().get(API + "/deployments/" + deployment));
    }

    private void catalogImport() {
        String profile = unique("oa-import-cpu");
        Map<String, Object> hardware = new LinkedHashMap<>(Fixtures.cpuProfile(0.3));
        hardware.put("name", profile);
        Map<String, Object> variant = new LinkedHashMap<>(Fixtures.variant("INT8", profile));
        variant.put("benchmarks", List.of(Map.of("hardware", profile, "batchSize", 1, "p99LatencyMs", 9,
                "throughputRps", 50, "vcpusPerReplica", 1, "memoryGiBPerReplica", 2)));
        Map<String, Object> body = Map.of("hardwareProfiles", List.of(hardware), "models", List.of(Map.of("name",
                unique("oa-import-model"), "task", "text-classification", "accuracyMetric", "f1", "variants",
                List.of(variant))));
        r.call("POST /api/v1/import", "import a profile and a model", 200,
                () -> operator().body(body).post(API + "/import"));
        byte[] asYaml = yaml(body).getBytes(StandardCharsets.UTF_8);
        r.call("POST /api/v1/import", "the same documents as YAML", 200,
                () -> operator().contentType("application/yaml").body(asYaml).post(API + "/import"));
    }

    private static String yaml(Map<String, Object> documents) {
        try {
            return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(documents);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID plans() {
        String id = r.call("POST /api/v1/plans", "plan the deployment", 201, () -> operator()
                .body(Map.of("deployments", List.of(deployment), "timeLimitSeconds", 2)).post(API + "/plans"))
                .path("id");
        r.call("POST /api/v1/plans", "an unknown deployment", 400, () -> operator()
                .body(Map.of("deployments", List.of(unique("oa-none")))).post(API + "/plans"));
        r.call("GET /api/v1/plans", "list", 200, () -> viewer().queryParam("size", 500).get(API + "/plans"));
        r.call("GET /api/v1/plans/{id}", "read one", 200, () -> viewer().get(API + "/plans/" + id));
        r.call("GET /api/v1/plans/{id}", "unknown id", 404, () -> viewer().get(API + "/plans/" + UUID.randomUUID()));
        r.call("GET /api/v1/plans/{id}/diff", "what applying it changes", 200,
                () -> viewer().get(API + "/plans/" + id + "/diff"));
        Map<String, Object> input = Map.of("input", Map.of("name", "x", "shape", List.of(64), "datatype", "FP32"));
        r.call("POST /api/v1/plans/{id}/profiling-runs", "a plan that suggests no profiling", 200,
                () -> operator().body(input).post(API + "/plans/" + id + "/profiling-runs"));
        r.call("POST /api/v1/plans/{id}/profiling-runs", "without the input tensor", 400,
                () -> operator().body(Map.of()).post(API + "/plans/" + id + "/profiling-runs"));
        r.call("POST /api/v1/plans/{id}/profiling-runs", "unknown plan", 404,
                () -> operator().body(input).post(API + "/plans/" + UUID.randomUUID() + "/profiling-runs"));
        r.call("GET /api/v1/plans/{id}/alternatives", "every option of the pair", 200, () -> viewer()
                .queryParam("deployment", deployment).queryParam("cluster", cluster).queryParam("size", 500)
                .get(API + "/plans/" + id + "/alternatives"));
        r.call("GET /api/v1/plans/{id}/alternatives", "a pair the plan does not have", 404, () -> viewer()
                .queryParam("deployment", unique("oa-none")).get(API + "/plans/" + id + "/alternatives"));
        r.call("GET /api/v1/plans/{id}/events", "events of a finished plan", 200, () -> given().auth()
                .oauth2(Api.token(Api.As.VIEWER)).accept("text/event-stream").get(API + "/plans/" + id + "/events"));
        r.call("POST /api/v1/plans/{id}/cancel", "a finished plan", 409,
                () -> operator().post(API + "/plans/" + id + "/cancel"));
        r.call("DELETE /api/v1/plans/{id}", "a finished plan", 409, () -> operator().delete(API + "/plans/" + id));
        String job = r.call("POST /api/v1/plans", "plan as a job", 202, () -> operator()
                .header("Prefer", "respond-async").body(Map.of("deployments", List.of(deployment),
                        "timeLimitSeconds", 2)).post(API + "/plans")).path("id");
        r.call("GET /api/v1/plans/{id}/events", "follow the job to its end", 200, () -> given().auth()
                .oauth2(Api.token(Api.As.VIEWER)).accept("text/event-stream").get(API + "/plans/" + job + "/events"));
        r.call("GET /api/v1/plans/{id}", "the job's plan", 200, () -> viewer().get(API + "/plans/" + job));
        runningPlanJobs(id);
        r.call("POST /api/v1/deployments/{name}/upgrade", "plan version 1.1.0", 201, () -> operator()
                .body(Map.of("version", "1.1.0", "timeLimitSeconds", 2)).post(API + "/deployments/" + deployment
                        + "/upgrade"));
        r.call("POST /api/v1/deployments/{name}/upgrade", "a version without variants", 400, () -> operator()
                .body(Map.of("version", "9.9.9")).post(API + "/deployments/" + deployment + "/upgrade"));
        return UUID.fromString(id);
    }

    /** What the dashboard reads beside the resources: the caller, what runs, a plan's nodes, the frontier. */
    private void views(UUID plan) {
        r.call("GET /api/v1/me", "who am I", 200, () -> viewer().get(API + "/me"));
        r.call("GET /api/v1/fleet/running", "what runs now", 200, () -> viewer().get(API + "/fleet/running"));
        r.call("GET /api/v1/plans/{id}/nodes", "the plan's nodes", 200,
                () -> viewer().get(API + "/plans/" + plan + "/nodes"));
        r.call("GET /api/v1/plans/{id}/nodes", "unknown plan", 404,
                () -> viewer().get(API + "/plans/" + UUID.randomUUID() + "/nodes"));
        r.call("GET /api/v1/plans/{id}/nodes", "a job with no result yet", 409,
                () -> viewer().get(API + "/plans/" + runningJobOfAnotherReplica(plan.toString()) + "/nodes"));
        r.call("GET /api/v1/catalog/frontier", "accuracy against cost", 200,
                () -> viewer().get(API + "/catalog/frontier"));
    }

    /**
     * Cancels of jobs that are RUNNING, whichever control plane runs them: a job stored as another replica's (its
     * heartbeat fresh) is cancelled by a request that lands here, as behind a load balancer.
     */
    private void runningPlanJobs(String like) {
        UUID cancelled = runningJobOfAnotherReplica(like);
        r.call("POST /api/v1/plans/{id}/cancel", "a job running on another replica", 202,
                () -> operator().post(API + "/plans/" + cancelled + "/cancel"));
        UUID deleted = runningJobOfAnotherReplica(like);
        r.call("DELETE /api/v1/plans/{id}", "a job running on another replica", 202,
                () -> operator().delete(API + "/plans/" + deleted));
        r.call("GET /api/v1/plans/{id}", "a running job", 200, () -> viewer().get(API + "/plans/" + deleted));
        r.call("GET /api/v1/plans/{id}/alternatives", "a running job has none yet", 409,
                () -> viewer().get(API + "/plans/" + deleted + "/alternatives"));
    }

    /** A RUNNING row as a job of another replica writes it: the finished plan's snapshot, an empty result. */
    private UUID runningJobOfAnotherReplica(String like) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO plan (id, created_at, created_by, status, total_hourly_cost_usd, deployments,"
                + " time_limit_seconds, snapshot, result, progress, heartbeat_at) SELECT $1, now(), 'operator',"
                + " 'RUNNING', 0, deployments, 60, snapshot, '{}', $2, now() FROM plan WHERE id = $3")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, "{\"unitsSolved\":0,\"unitsTotal\":1,"
                        + "\"phase\":\"SOLVING\"}", UUID.fromString(like)))
                .await().atMost(java.time.Duration.ofSeconds(10));
        return id;
    }

    private void rollouts(UUID plan) {
        String path = API + "/rollouts";
        String id = r.call("POST /api/v1/rollouts", "roll the plan out", 201,
                () -> operator().body(Map.of("planId", plan.toString())).post(path)).path("id");
        r.call("POST /api/v1/rollouts", "while its deployment is being rolled out", 409,
                () -> operator().body(Map.of("planId", plan.toString())).post(path));
        r.call("GET /api/v1/rollouts", "list", 200, () -> viewer().queryParam("size", 500).get(path));
        r.call("GET /api/v1/rollouts/{id}", "read one", 200, () -> viewer().get(path + "/" + id));
        r.call("POST /api/v1/rollouts/{id}/pause", "pause it", 200, () -> operator().post(path + "/" + id + "/pause"));
        r.call("POST /api/v1/rollouts/{id}/pause", "pause it again", 409,
                () -> operator().post(path + "/" + id + "/pause"));
        r.call("POST /api/v1/rollouts/{id}/resume", "resume it", 200,
                () -> operator().post(path + "/" + id + "/resume"));
        r.call("POST /api/v1/rollouts/{id}/abort", "abort it", 200, () -> operator().post(path + "/" + id + "/abort"));
        r.call("POST /api/v1/rollouts/{id}/force-end", "an operator may not force-end", 403,
                () -> operator().body(Map.of("reason", "stuck")).post(path + "/" + id + "/force-end"));
        r.call("POST /api/v1/rollouts/{id}/force-end", "no reason", 400,
                () -> admin().body(Map.of("reason", "")).post(path + "/" + id + "/force-end"));
        r.call("POST /api/v1/rollouts/{id}/force-end", "force-end the abort", 200,
                () -> admin().body(Map.of("reason", "rollback stuck")).post(path + "/" + id + "/force-end"));
        r.call("POST /api/v1/rollouts/{id}/force-end", "once it has ended", 409,
                () -> admin().body(Map.of("reason", "again")).post(path + "/" + id + "/force-end"));
        // The rollout has ended, so its stream sends the final state and closes.
        r.call("GET /api/v1/rollouts/{id}/events", "events of an ended rollout", 200, () -> given().auth()
                .oauth2(Api.token(Api.As.VIEWER)).accept("text/event-stream").get(path + "/" + id + "/events"));
    }

    /**
     * Recommendations as the loop stores them (the loop itself is PlacementLoopTest's): an OPEN one to dismiss, then
     * one whose target is what the plan places, which a fresh plan still proposes, to accept.
     */
    private void recommendations(UUID plan) {
        String path = API + "/recommendations";
        Map<String, Object> placed = viewer().get(API + "/plans/" + plan).then().extract().jsonPath()
                .getMap("placements[0]");
        UUID dismissed = openRecommendation(placed);
        r.call("GET /api/v1/recommendations", "the OPEN ones", 200, () -> viewer().queryParam("size", 500).get(path));
        r.call("GET /api/v1/recommendations", "every status of the deployment", 200, () -> viewer()
                .queryParam("status", "ALL").queryParam("deployment", deployment).get(path));
        r.call("GET /api/v1/recommendations", "an unknown status", 400,
                () -> viewer().queryParam("status", "LATER").get(path));
        r.call("GET /api/v1/recommendations/{id}", "read one", 200, () -> viewer().get(path + "/" + dismissed));
        r.call("GET /api/v1/recommendations/{id}", "unknown id", 404,
                () -> viewer().get(path + "/" + UUID.randomUUID()));
        r.call("GET /api/v1/recommendations/status", "the loop's lease and last evaluation", 200,
                () -> operator().get(path + "/status"));
        r.call("POST /api/v1/recommendations/{id}/dismiss", "dismiss it with a note", 200,
                () -> operator().body(Map.of("note", "after the freeze")).post(path + "/" + dismissed + "/dismiss"));
        r.call("POST /api/v1/recommendations/{id}/dismiss", "dismiss it again", 409,
                () -> operator().post(path + "/" + dismissed + "/dismiss"));
        r.call("POST /api/v1/recommendations/{id}/accept", "a dismissed one", 409,
                () -> operator().post(path + "/" + dismissed + "/accept"));
        UUID accepted = openRecommendation(placed);
        String rollout = r.call("POST /api/v1/recommendations/{id}/accept", "accept it: a rollout starts", 201,
                () -> operator().post(path + "/" + accepted + "/accept")).path("rollout.id");
        r.call("POST /api/v1/recommendations/{id}/accept", "accept it again", 409,
                () -> operator().post(path + "/" + accepted + "/accept"));
        r.call("POST /api/v1/recommendations/{id}/accept", "unknown id", 404,
                () -> operator().post(path + "/" + UUID.randomUUID() + "/accept"));
        operator().post(API + "/rollouts/" + rollout + "/abort").then().statusCode(200);
        admin().body(Map.of("reason", "conformance cleanup")).post(API + "/rollouts/" + rollout + "/force-end").then()
                .statusCode(200);
    }

    /** An OPEN recommendation that moves the deployment to what {@code placed} places, as the loop writes one. */
    private UUID openRecommendation(Map<String, Object> placed) {
        UUID id = UUID.randomUUID();
        String to = "{\"variantId\":\"" + placed.get("variantId") + "\",\"precision\":\"" + placed.get("precision")
                + "\",\"hardware\":\"" + placed.get("hardware") + "\",\"pool\":\"" + placed.get("pool")
                + "\",\"batchSize\":" + placed.get("batchSize") + ",\"replicas\":" + placed.get("replicas")
                + ",\"throughputRpsPerReplica\":1800,\"hourlyCostUsd\":" + placed.get("hourlyCostUsd") + "}";
        pool.preparedQuery("INSERT INTO recommendation (id, deployment, status, fingerprint, inputs_digest,"
                + " consecutive, first_seen, last_seen, opened_at, current_usd_per_hour, proposed_usd_per_hour,"
                + " savings_usd_per_hour, savings_fraction, score, urgent, changes, disruption, reasons, lease_token)"
                + " VALUES ($1, $2, 'OPEN', 'conformance', 'conformance', 3, now(), now(), now(), 1, 0.5, 0.5, 0.5,"
                + " 0.5, false, $3, '{\"replicasReplaced\":1,\"hardwareSwitches\":1,\"clustersTouched\":1,"
                + "\"replicasRunning\":1}', '[\"re-planning the fleet found a cheaper placement than what runs\"]', 0)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, deployment, "[{\"cluster\":\"" + cluster
                        + "\",\"from\":null,\"to\":" + to + "}]"))
                .await().atMost(java.time.Duration.ofSeconds(10));
        return id;
    }

    /**
     * Profiling runs (the driver is off in tests): one on the served variant is made RUNNING as the driver leaves a
     * GITOPS run once its manifest is written, so its results can be posted; the spare variant's is cancelled.
     */
    private void profiling(String spare) {
        String runs = API + "/models/" + model + "/variants/" + served + "/profiling-runs";
        Map<String, Object> input = Map.of("name", "x", "shape", List.of(64), "datatype", "FP32");
        Map<String, Object> onePoint = Map.of("hardware", gpu, "batchSizes", List.of(1), "concurrencies", List.of(1),
                "durationSeconds", 5, "input", input);
        String id = r.call("POST /api/v1/models/{model}/variants/{id}/profiling-runs", "profile on the T4", 201,
                () -> operator().body(onePoint).post(runs)).path("runs[0].id");
        r.call("POST /api/v1/models/{model}/variants/{id}/profiling-runs", "while one is pending there", 409,
                () -> operator().body(onePoint).post(runs));
        r.call("POST /api/v1/models/{model}/variants/{id}/profiling-runs", "hardware without FP16", 400,
                () -> operator().body(Map.of("hardware", cpu, "input", input)).post(runs));
        r.call("POST /api/v1/models/{model}/variants/{id}/profiling-runs", "no input", 400,
                () -> operator().body(Map.of("hardware", gpu)).post(runs));
        r.call("POST /api/v1/models/{model}/variants/{id}/profiling-runs", "unknown variant", 404,
                () -> operator().body(onePoint).post(API + "/models/" + model + "/variants/" + UUID.randomUUID()
                        + "/profiling-runs"));
        r.call("GET /api/v1/models/{model}/variants/{id}/profiling-runs", "list", 200,
                () -> viewer().queryParam("size", 500).get(runs));
        r.call("GET /api/v1/profiling-runs/{runId}", "read one", 200, () -> viewer().get(API + "/profiling-runs/"
                + id));
        r.call("GET /api/v1/profiling-runs/{runId}", "unknown id", 404,
                () -> viewer().get(API + "/profiling-runs/" + UUID.randomUUID()));
        String results = API + "/profiling-runs/" + id + "/results";
        String document = "{\"tool\":\"modelfleet-loadgen\",\"version\":1,\"target\":\"kserve-v2\",\"model\":\""
                + model + "\",\"provider\":\"remote\",\"startedAt\":\"2026-12-03T10:00:00Z\",\"host\":{\"cpus\":4},"
                + "\"points\":[{\"batchSize\":1,\"concurrency\":1,\"durationSeconds\":5.0,\"requests\":2500,"
                + "\"inferences\":2500,\"errors\":0,\"throughputRps\":500.0,\"meanMs\":2.0,\"p50Ms\":1.9,"
                + "\"p90Ms\":2.4,\"p99Ms\":3.1}]}";
        r.call("POST /api/v1/profiling-runs/{runId}/results", "before its manifest is written", 409,
                () -> operator().body(document).post(results));
        pool.preparedQuery("UPDATE profiling_run SET state = 'RUNNING', started_at = now() WHERE id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(id)))
                .await().atMost(java.time.Duration.ofSeconds(10));
        r.call("POST /api/v1/profiling-runs/{runId}/results", "not the load generator's document", 400,
                () -> operator().body("{\"tool\":\"perf_analyzer\"}").post(results));
        r.call("POST /api/v1/profiling-runs/{runId}/results", "the load generator's document", 200,
                () -> operator().body(document).post(results));
        r.call("POST /api/v1/profiling-runs/{runId}/results", "once it succeeded", 409,
                () -> operator().body(document).post(results));
        String other = r.call("POST /api/v1/models/{model}/variants/{id}/profiling-runs", "profile the spare", 201,
                () -> operator().body(onePoint).post(API + "/models/" + model + "/variants/" + spare
                        + "/profiling-runs")).path("runs[0].id");
        r.call("POST /api/v1/profiling-runs/{runId}/cancel", "cancel it", 200,
                () -> operator().post(API + "/profiling-runs/" + other + "/cancel"));
        r.call("POST /api/v1/profiling-runs/{runId}/cancel", "cancel it again", 409,
                () -> operator().post(API + "/profiling-runs/" + other + "/cancel"));
    }

    private void aws() {
        r.call("POST /api/v1/pricing/refresh", "refresh us-east-1 prices", 200,
                () -> operator().queryParam("region", "us-east-1").post(API + "/pricing/refresh"));
        String quota = API + "/quotas/us-west-2/L-1216C47A";
        r.call("PUT /api/v1/quotas/{region}/{code}", "set a quota", 200,
                () -> operator().body(Map.of("limitVcpus", 512)).put(quota));
        r.call("PUT /api/v1/quotas/{region}/{code}", "a negative limit", 400,
                () -> operator().body(Map.of("limitVcpus", -1)).put(quota));
        r.call("GET /api/v1/quotas", "list", 200, () -> viewer().get(API + "/quotas"));
        r.call("DELETE /api/v1/quotas/{region}/{code}", "remove it", 204, () -> operator().delete(quota));
        r.call("POST /api/v1/quotas/refresh", "read us-east-1 from Service Quotas", 200,
                () -> operator().queryParam("region", "us-east-1").post(API + "/quotas/refresh"));
        r.call("POST /api/v1/clusters/discover", "discover EKS clusters of a region", 200,
                () -> operator().body(Map.of("region", "eu-west-1")).post(API + "/clusters/discover"));
    }

    private void tokens() {
        String path = API + "/tokens";
        String id = r.call("POST /api/v1/tokens", "create a token", 201,
                () -> admin().body(Map.of("name", unique("oa-token"), "role", "VIEWER")).post(path)).path("id");
        r.call("POST /api/v1/tokens", "an unknown role", 400,
                () -> admin().body(Map.of("name", unique("oa-token"), "role", "ROOT")).post(path));
        List<Map<String, Object>> listed = r.call("GET /api/v1/tokens", "list", 200,
                () -> admin().queryParam("size", 500).get(path)).path("items");
        r.call("POST /api/v1/tokens/{id}/rotate", "rotate it", 200,
                () -> admin().body(Map.of("overlapSeconds", 60)).post(path + "/" + id + "/rotate"));
        r.call("DELETE /api/v1/tokens/{id}", "revoke it", 204, () -> admin().delete(path + "/" + id));
        r.call("DELETE /api/v1/tokens/{id}", "unknown id", 404, () -> admin().delete(path + "/" + UUID.randomUUID()));
        Object bootstrap = listed.stream().filter(t -> "bootstrap-admin".equals(t.get("name"))).findFirst()
                .orElseThrow().get("id");
        r.call("POST /api/v1/tokens/{id}/rotate", "the bootstrap token", 409,
                () -> admin().body(Map.of()).post(path + "/" + bootstrap + "/rotate"));
    }

    private void audit() {
        r.call("GET /api/v1/audit", "read the audit log", 200,
                () -> admin().queryParam("size", 500).get(API + "/audit"));
        r.call("GET /api/v1/audit", "an operator may not", 403, () -> operator().get(API + "/audit"));
    }

    private void deletions(String spareVariant) {
        r.call("DELETE /api/v1/models/{model}/variants/{id}", "delete the spare variant", 204,
                () -> operator().delete(API + "/models/" + model + "/variants/" + spareVariant));
        r.call("DELETE /api/v1/hardware-profiles/{name}", "while benchmarks use it", 409,
                () -> operator().delete(API + "/hardware-profiles/" + gpu));
        r.call("DELETE /api/v1/models/{name}", "while a deployment serves it", 409,
                () -> operator().delete(API + "/models/" + model));
        r.call("DELETE /api/v1/deployments/{name}", "delete the deployment", 204,
                () -> operator().delete(API + "/deployments/" + deployment));
        r.call("DELETE /api/v1/models/{name}", "delete the model and its variants", 204,
                () -> operator().delete(API + "/models/" + model));
        r.call("DELETE /api/v1/clusters/{name}", "delete the cluster", 204,
                () -> operator().delete(API + "/clusters/" + cluster));
        r.call("DELETE /api/v1/hardware-profiles/{name}", "delete the CPU profile", 204,
                () -> operator().delete(API + "/hardware-profiles/" + cpu));
    }
}
