package io.modelfleet.profiling;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.modelfleet.rollout.kube.ManifestYaml;
import io.modelfleet.testing.Api;
import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The profiling API without the driver (it is off in tests): what a request creates, where it goes, and every 4xx
 * a request can get, each naming its problem.
 */
@QuarkusTest
class ProfilingRunsApiTest {

    private static final String IMAGE = "ghcr.io/modelfleet/onnx-server:1.4";

    @Test
    void aCpuRequestCreatesOnePendingRunOnTheKubernetesPoolWithItsJob() {
        ProfilingFleet fleet = new ProfilingFleet();
        String variant = fleet.variant("FP32", IMAGE);
        JsonPath created = fleet.profile(variant, ProfilingFleet.request(fleet.cpu)).then().statusCode(201)
                .header("Location", endsWith(fleet.runsPath(variant))).extract().jsonPath();
        assertEquals(1, created.getList("runs").size());
        Map<String, Object> run = created.getMap("runs[0]");
        String id = (String) run.get("id");
        assertEquals("PENDING", run.get("state"));
        assertEquals(List.of(fleet.model, variant, fleet.cpu, fleet.cluster, "cpu", "KUBERNETES"),
                List.of(run.get("model"), run.get("variantId"), run.get("hardware"), run.get("cluster"),
                        run.get("pool"), run.get("targetType")));
        assertEquals(List.of(List.of(1, 8), List.of(1, 4), 30, 1800, 0, 1.0f, 1.0f), List.of(run.get("batchSizes"),
                run.get("concurrencies"), run.get("durationSeconds"), run.get("timeoutSeconds"),
                run.get("acceleratorsPerReplica"), run.get("vcpusPerReplica"), run.get("memoryGiBPerReplica")));
        assertEquals(ProfilingFleet.MLP_INPUT, run.get("input"));
        assertEquals(List.of(), run.get("rows"));
        assertEquals("operator", ((String) run.get("createdBy")).substring(0, "operator".length()));

        Map<String, Object> job = created.getMap("runs[0].job");
        assertEquals("modelfleet-profiling-" + id, job.get("name"));
        assertEquals(fleet.cluster, job.get("namespace"), "the cluster target's namespace");
        Job manifest = ManifestYaml.parse((String) job.get("manifest"), Job.class);
        assertEquals(id, manifest.getMetadata().getLabels().get("modelfleet.io/profiling-run"));
        assertEquals(IMAGE, manifest.getSpec().getTemplate().getSpec().getInitContainers().get(0).getImage());
        assertEquals(job.get("loadgenImage"), manifest.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage());
        assertEquals(Map.of("node.kubernetes.io/instance-type", fleet.cpu, "karpenter.sh/capacity-type",
                "on-demand"), manifest.getSpec().getTemplate().getSpec().getNodeSelector());

        viewer().get("/api/v1/profiling-runs/" + id).then().statusCode(200).body("state", equalTo("PENDING"))
                .body("job.manifest", equalTo(job.get("manifest")));
        viewer().get(fleet.runsPath(variant)).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(id));
    }

    @Test
    void allNativeCreatesOneRunPerHardwareThatRunsThePrecisionInHardwareOrder() {
        ProfilingFleet fleet = new ProfilingFleet();
        String int8 = fleet.variant("INT8", IMAGE);
        JsonPath both = fleet.profile(int8, ProfilingFleet.request("ALL_NATIVE", "cluster", fleet.cluster)).then()
                .statusCode(201).extract().jsonPath();
        // pf-cpu-... sorts before pf-t4-...: both run INT8 natively.
        assertEquals(List.of(fleet.cpu, fleet.t4), both.getList("runs.hardware"));
        assertEquals(List.of(0, 1), both.getList("runs.acceleratorsPerReplica"),
                "the catalog's defaults: none on CPU, one accelerator on the T4");
        Job t4Job = ManifestYaml.parse(both.getString("runs[1].job.manifest"), Job.class);
        assertEquals("1", t4Job.getSpec().getTemplate().getSpec().getInitContainers().get(0).getResources()
                .getRequests().get("nvidia.com/gpu").toString());
        assertEquals("nvidia.com/gpu", t4Job.getSpec().getTemplate().getSpec().getTolerations().get(0).getKey());

        String fp16 = fleet.variant("FP16", IMAGE);
        String t4Run = fleet.profile(fp16, ProfilingFleet.request("ALL_NATIVE", "cluster", fleet.cluster)).then()
                .statusCode(201).body("runs.hardware", equalTo(List.of(fleet.t4))).extract().path("runs[0].id");
        // Fleet-wide, ALL_NATIVE also finds other tests' T4 profiles; one active run stops all of them.
        fleet.profile(fp16, ProfilingFleet.request("ALL_NATIVE")).then().statusCode(409)
                .body("detail", equalTo("a profiling run of this variant is already PENDING on " + fleet.t4
                        + " (run " + t4Run + "); wait for it to end, or cancel it, before starting another"));
        viewer().get(fleet.runsPath(fp16)).then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aKubernetesClusterIsChosenBeforeAGitOpsOneAndANamedClusterIsHonoured() {
        ProfilingFleet fleet = new ProfilingFleet();
        String gitops = fleet.gitopsCluster(fleet.cpu);
        String a = fleet.variant("FP32", IMAGE);
        fleet.profile(a, ProfilingFleet.request(fleet.cpu)).then().statusCode(201)
                .body("runs[0].cluster", equalTo(fleet.cluster)).body("runs[0].targetType", equalTo("KUBERNETES"));
        String b = fleet.variant("FP32", IMAGE);
        fleet.profile(b, ProfilingFleet.request(fleet.cpu, "cluster", gitops)).then().statusCode(201)
                .body("runs[0].cluster", equalTo(gitops)).body("runs[0].pool", equalTo("pool"))
                .body("runs[0].targetType", equalTo("GITOPS"))
                .body("runs[0].job.manifest", containsString("karpenter.sh/capacity-type: \"spot\""));
    }

    @Test
    void unknownThingsAndHardwareThatCannotRunTheVariantAreRefusedByName() {
        ProfilingFleet fleet = new ProfilingFleet();
        String fp32 = fleet.variant("FP32", IMAGE);
        fleet.profile(UUID.randomUUID().toString(), ProfilingFleet.request(fleet.cpu)).then().statusCode(404)
                .contentType("application/problem+json").body("detail", startsWith("no variant "));
        fleet.profile(fp32, ProfilingFleet.request("pf-none")).then().statusCode(400)
                .body("errors[0].field", equalTo("hardware"))
                .body("errors[0].message", equalTo("no hardware profile named 'pf-none'"));
        fleet.profile(fp32, ProfilingFleet.request(fleet.cpu, "cluster", "pf-nowhere")).then().statusCode(400)
                .body("errors[0].field", equalTo("cluster"));
        String fp16 = fleet.variant("FP16", IMAGE);
        fleet.profile(fp16, ProfilingFleet.request(fleet.cpu)).then().statusCode(400)
                .body("errors[0].field", equalTo("hardware")).body("errors[0].message", equalTo("hardware '"
                        + fleet.cpu + "' does not run FP16 natively; it runs FP32, INT8"));
        String poolless = Api.unique("pf-lonely");
        operator().body(Fixtures.cpuProfile(0.2)).put("/api/v1/hardware-profiles/" + poolless).then()
                .statusCode(201);
        fleet.profile(fp32, ProfilingFleet.request(poolless)).then().statusCode(409)
                .body("detail", equalTo("no node pool of the fleet has hardware '" + poolless
                        + "'; add one to a cluster (PUT /api/v1/clusters/{name}) to profile on it"));
        String cpuOnly = fleet.gitopsCluster(fleet.cpu);
        fleet.profile(fp16, ProfilingFleet.request("ALL_NATIVE", "cluster", cpuOnly)).then().statusCode(409)
                .body("detail", equalTo("no node pool of cluster '" + cpuOnly + "' has hardware that runs FP16"
                        + " natively; pools have [" + fleet.cpu + "]"));
    }

    @Test
    void badListsFiguresAndAMissingInputAreNamedInOneProblem() {
        ProfilingFleet fleet = new ProfilingFleet();
        String fp32 = fleet.variant("FP32", IMAGE);
        Map<String, Object> body = new java.util.HashMap<>(ProfilingFleet.request(fleet.cpu, "batchSizes",
                List.of(0, 8, 8), "concurrencies", List.of(), "durationSeconds", 0, "timeoutSeconds", 30));
        body.remove("input");
        fleet.profile(fp32, body).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("batchSizes[0]", "batchSizes[2]", "concurrencies", "durationSeconds",
                        "timeoutSeconds", "input"))
                .body("errors.find { it.field == 'batchSizes[2]' }.message", equalTo("repeats 8"))
                .body("errors.find { it.field == 'timeoutSeconds' }.message", equalTo("must be between 60 and 86400,"
                        + " was 30"));
        // 120 s to start, then 4 points of 2 s warmup and 60 s measuring: 368 s is still too little.
        for (int timeout : List.of(240, 368)) {
            fleet.profile(fp32, ProfilingFleet.request(fleet.cpu, "durationSeconds", 60, "timeoutSeconds", timeout))
                    .then().statusCode(400).body("errors[0].field", equalTo("timeoutSeconds"))
                    .body("errors[0].message", equalTo("must be more than the 368 s the run needs (120 s for the"
                            + " model server to start, then 4 points x (2 s warmup + 60 s)), was " + timeout));
        }
        fleet.profile(fp32, ProfilingFleet.request(fleet.cpu, "vcpusPerReplica", 4, "acceleratorsPerReplica", 1))
                .then().statusCode(400)
                .body("errors.find { it.field == 'vcpusPerReplica' }.message", equalTo("must leave 0.5 of the 4 vCPUs"
                        + " of one '" + fleet.cpu + "' node to the load generator, was 4.0"))
                .body("errors.find { it.field == 'acceleratorsPerReplica' }.message", equalTo("must be 0 on"
                        + " CPU-only hardware '" + fleet.cpu + "', was 1"));
        fleet.profile(fp32, ProfilingFleet.request(fleet.cpu, "input", Map.of("name", "x", "shape", List.of(0),
                "datatype", "STRING"))).then().statusCode(400)
                .body("errors.field", equalTo(List.of("input.shape[0]", "input.datatype")));
        // 3 x 1024 x 1024 x batch 32 = 100,663,296 values: more than 2^26 (67,108,864).
        fleet.profile(fp32, ProfilingFleet.request(fleet.cpu, "batchSizes", List.of(1, 32), "input", Map.of("name",
                "x", "shape", List.of(3, 1024, 1024), "datatype", "FP32"))).then().statusCode(400)
                .body("errors.field", equalTo(List.of("input.shape")))
                .body("errors[0].message", equalTo("times the largest batch size (32) is 100663296 values per"
                        + " request, more than the 67108864 (2^26) a KServe v2 JSON request may carry"));
        // 2^26 values exactly is allowed, and its load generator needs 2304 + 256 MiB: a 6 GiB replica and its
        // 2.5 GiB do not fit the CPU profile's 8 GiB node.
        fleet.profile(fp32, ProfilingFleet.request(fleet.cpu, "batchSizes", List.of(64), "memoryGiBPerReplica", 6,
                "input", Map.of("name",
                "x", "shape", List.of(1024, 1024), "datatype", "FP32"))).then().statusCode(400)
                .body("errors.field", equalTo(List.of("memoryGiBPerReplica")))
                .body("errors[0].message", equalTo("must leave 2.500 of the 8.0 GiB of one '" + fleet.cpu
                        + "' node to the load generator (for this input and batch size), was 6.0"));
        viewer().get(fleet.runsPath(fp32)).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aPendingRunCanBeCancelledOnceAndThenAnotherStarted() {
        ProfilingFleet fleet = new ProfilingFleet();
        String fp32 = fleet.variant("FP32", IMAGE);
        String id = fleet.profile(fp32, ProfilingFleet.request(fleet.cpu)).then().statusCode(201).extract()
                .path("runs[0].id");
        fleet.profile(fp32, ProfilingFleet.request(fleet.cpu)).then().statusCode(409)
                .body("detail", equalTo("a profiling run of this variant is already PENDING on " + fleet.cpu
                        + " (run " + id + "); wait for it to end, or cancel it, before starting another"));
        operator().post("/api/v1/profiling-runs/" + id + "/results").then().statusCode(409)
                .body("detail", equalTo("profiling run " + id + " is PENDING; results are taken only while it is"
                        + " RUNNING"));
        operator().post("/api/v1/profiling-runs/" + id + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("reason", startsWith("cancelled by operator"))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
        operator().post("/api/v1/profiling-runs/" + id + "/cancel").then().statusCode(409)
                .body("detail", equalTo("profiling run " + id + " is CANCELLED; only PENDING and RUNNING runs can be"
                        + " cancelled"));
        fleet.profile(fp32, ProfilingFleet.request(fleet.cpu)).then().statusCode(201);
        viewer().get(fleet.runsPath(fp32)).then().statusCode(200).body("total", equalTo(2))
                .body("items.state", equalTo(List.of("PENDING", "CANCELLED")));
        UUID none = UUID.randomUUID();
        viewer().get("/api/v1/profiling-runs/" + none).then().statusCode(404)
                .body("detail", equalTo("no profiling run " + none));
        operator().post("/api/v1/profiling-runs/" + none + "/cancel").then().statusCode(404);
        operator().body("{}").post("/api/v1/profiling-runs/" + none + "/results").then().statusCode(404);
    }
}
