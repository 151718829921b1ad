package io.modelfleet.profiling;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.modelfleet.loadgen.LoadgenHarness;
import io.modelfleet.profiling.service.ProfilingDriver;
import io.modelfleet.profiling.service.ProfilingDriver.Outcome;
import io.modelfleet.rollout.gitops.GitOpsConfig;
import io.modelfleet.rollout.kube.ManifestYaml;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A profiling run on a GITOPS cluster: the Job's manifest is written into the cluster's folder (and listed by its
 * kustomization) for Argo CD or Flux; the load generator's document, posted back, becomes the rows; the manifest is
 * removed so the Job is not created again.
 */
@QuarkusTest
class ProfilingGitOpsTest {

    @Inject
    ProfilingDriver driver;

    @Inject
    GitOpsConfig gitops;

    @Inject
    MockKubernetesClients clients;

    @Inject
    io.modelfleet.testing.OffsetClock clock;

    @Test
    void theManifestIsWrittenResultsPostedBackBecomeRowsAndTheManifestGoes() throws IOException {
        ProfilingFleet fleet = new ProfilingFleet();
        String cluster = fleet.gitopsCluster(fleet.cpu);
        String variant = fleet.variant("FP32", "ghcr.io/modelfleet/onnx-server:1.4");
        JsonPath created = fleet.profile(variant, ProfilingFleet.request(fleet.cpu, "cluster", cluster,
                "batchSizes", List.of(1, 4), "concurrencies", List.of(2), "durationSeconds", 1, "timeoutSeconds", 300))
                .then().statusCode(201).extract().jsonPath();
        String id = created.getString("runs[0].id");
        String name = created.getString("runs[0].job.name");
        String manifest = created.getString("runs[0].job.manifest");
        assertEquals("GITOPS", created.getString("runs[0].targetType"));

        assertEquals(Outcome.STARTED, step(id).outcome());
        Path folder = gitops.root().resolve(cluster);
        Path file = folder.resolve("_profiling").resolve("job-" + name + ".yaml");
        String written = Files.readString(file);
        String header = "# Managed by ModelFleet; edits are overwritten on the next rollout.\n";
        assertTrue(written.startsWith(header), written);
        assertEquals(ManifestYaml.parse(manifest, Job.class), ManifestYaml.parse(written.substring(header.length()),
                Job.class), "the file holds the Job the run shows");
        assertTrue(Files.readString(folder.resolve("kustomization.yaml")).contains("  - _profiling\n"));
        assertTrue(Files.readString(folder.resolve("_profiling/kustomization.yaml")).contains("  - job-" + name
                + ".yaml\n"));
        assertEquals(Outcome.WAITING, step(id).outcome(), "nothing comes back from a GitOps folder by itself");
        assertEquals("RUNNING", viewer().get("/api/v1/profiling-runs/" + id).then().extract().path("state"));

        String results = "/api/v1/profiling-runs/" + id + "/results";
        operator().body("{\"tool\":\"perf_analyzer\"}").post(results).then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("result document: tool must be 'modelfleet-loadgen', was \"perf_analyzer\""));
        assertEquals("RUNNING", viewer().get("/api/v1/profiling-runs/" + id).then().extract().path("state"),
                "a bad post leaves the run to a good one");

        // What the cluster's Job prints, run here with the manifest's own arguments.
        ProfilingJobController node = new ProfilingJobController(clients.cluster().dispatcher(), cluster);
        LoadgenHarness.Run run = node.runLike(ManifestYaml.parse(manifest, Job.class));
        assertEquals(0, run.exitCode(), run.stderr());
        String[] stdout = run.stdout().strip().split("\n");
        String document = stdout[stdout.length - 1];
        operator().body(document.replace("\"provider\":\"remote\"", "\"provider\":\"a\\u0000\"")).post(results)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("result document: provider must not contain a NUL character (U+0000), found"
                        + " at index 1"));
        operator().body(document.replace("\"kserve-v2\"", "\"onnx\"")).post(results).then().statusCode(400)
                .body("detail", equalTo("result document: target must be 'kserve-v2' (the Job measures the served"
                        + " model over KServe v2), was 'onnx'"));
        operator().body(document.replaceFirst("\"meanMs\":[0-9.eE-]+", "\"meanMs\":1.0E-4")).post(results).then()
                .statusCode(400).body("detail", org.hamcrest.Matchers.startsWith("result document: points[0] (batch 1,"
                        + " concurrency 2): throughputRps x meanMs / 1000 = "));
        assertEquals("RUNNING", viewer().get("/api/v1/profiling-runs/" + id).then().extract().path("state"),
                "refused documents leave the run RUNNING");
        JsonPath done = operator().body(document).post(results).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED")).extract().jsonPath();
        assertEquals(List.of(1, 4), done.getList("rows.batchSize"));
        assertEquals(List.of(2, 2), done.getList("rows.concurrency"));
        assertEquals(List.of("MEASURED", "MEASURED"), done.getList("rows.source"));
        assertEquals(List.of(id, id), done.getList("rows.provenance.profilingRun"));
        assertEquals(List.of(cluster, cluster), done.getList("rows.provenance.cluster"));
        viewer().get("/api/v1/models/" + fleet.model + "/variants/" + variant).then().statusCode(200)
                .body("benchmarks.findAll { it.provenance?.profilingRun == '" + id + "' }.size()", equalTo(2));

        assertFalse(Files.exists(file), "the manifest is removed once the results are in");
        assertFalse(Files.readString(folder.resolve("kustomization.yaml")).contains("_profiling"));
        operator().body(stdout[stdout.length - 1]).post(results).then().statusCode(409)
                .body("detail", equalTo("profiling run " + id + " is SUCCEEDED; results are taken only while it is"
                        + " RUNNING"));
    }

    @Test
    void aCancelledGitOpsRunLosesItsManifest() throws IOException {
        ProfilingFleet fleet = new ProfilingFleet();
        String cluster = fleet.gitopsCluster(fleet.cpu);
        String variant = fleet.variant("FP32", "ghcr.io/modelfleet/onnx-server:1.4");
        JsonPath created = fleet.profile(variant, ProfilingFleet.request(fleet.cpu, "cluster", cluster)).then()
                .statusCode(201).extract().jsonPath();
        String id = created.getString("runs[0].id");
        assertEquals(Outcome.STARTED, step(id).outcome());
        Path file = gitops.root().resolve(cluster).resolve("_profiling/job-" + created.getString("runs[0].job.name")
                + ".yaml");
        assertTrue(Files.exists(file));
        operator().post("/api/v1/profiling-runs/" + id + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED"));
        assertFalse(Files.exists(file));
        operator().body("{}").post("/api/v1/profiling-runs/" + id + "/results").then().statusCode(409);
    }

    @Test
    void aGitOpsRunWithoutResultsTimesOutAndLosesItsManifest() throws IOException {
        ProfilingFleet fleet = new ProfilingFleet();
        String cluster = fleet.gitopsCluster(fleet.cpu);
        JsonPath created = fleet.profile(fleet.variant("FP32", "ghcr.io/modelfleet/onnx-server:1.4"),
                ProfilingFleet.request(fleet.cpu, "cluster", cluster, "batchSizes", List.of(1), "concurrencies",
                        List.of(1), "durationSeconds", 1, "timeoutSeconds", 130)).then().statusCode(201).extract()
                .jsonPath();
        String id = created.getString("runs[0].id");
        assertEquals(Outcome.STARTED, step(id).outcome());
        Path file = gitops.root().resolve(cluster).resolve("_profiling/job-" + created.getString("runs[0].job.name")
                + ".yaml");
        assertTrue(Files.exists(file));
        clock.step(java.time.Duration.ofSeconds(131));
        operator().body("{}").post("/api/v1/profiling-runs/" + id + "/results").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.startsWith("profiling run " + id + " passed its deadline of 130"
                        + " s at "));
        assertEquals(Outcome.TIMED_OUT, step(id).outcome());
        viewer().get("/api/v1/profiling-runs/" + id).then().statusCode(200).body("state", equalTo("TIMED_OUT"))
                .body("reason", equalTo("no results posted within 130 s")).body("rows.size()", equalTo(0));
        assertFalse(Files.exists(file), "Argo CD must not create the Job again");
    }

    private ProfilingDriver.Step step(String run) {
        return driver.pollOnce().stream().filter(s -> s.runId().toString().equals(run)).findFirst()
                .orElseThrow(() -> new AssertionError("the poll did not step run " + run));
    }
}
