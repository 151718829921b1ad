package io.modelfleet.profiling;

import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.profiling.service.ProfilingDriver;
import io.modelfleet.profiling.service.ProfilingDriver.Outcome;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.modelfleet.testing.OffsetClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A profiling run end to end on KUBERNETES clusters: the driver applies the Job to the mock API server, the test
 * controller runs the real load generator against a real KServe v2 server on an ONNX model, and the driver reads
 * the pod log and ingests the document. Then the ways a run ends without rows: a Job that fails, a log without the
 * document, a pod that never schedules (timeout).
 */
@QuarkusTest
class ProfilingRunsDriverTest {

    private static final String IMAGE = "ghcr.io/modelfleet/onnx-server:1.4";

    @Inject
    ProfilingDriver driver;

    @Inject
    MockKubernetesClients clients;

    @Inject
    OffsetClock clock;

    /** One poll, and what it did to {@code run} (other classes' runs are polled too, and ignored here). */
    private ProfilingDriver.Step poll(String run) {
        return driver.pollOnce().stream().filter(s -> s.runId().toString().equals(run)).findFirst()
                .orElseThrow(() -> new AssertionError("the poll did not step run " + run));
    }

    private static JsonPath run(String id) {
        return viewer().get("/api/v1/profiling-runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    private ProfilingJobController controller(ProfilingFleet fleet) {
        return new ProfilingJobController(clients.cluster().dispatcher(), fleet.cluster);
    }

    private boolean jobExists(ProfilingFleet fleet, String job) {
        return clients.cluster().client().batch().v1().jobs().inNamespace(fleet.cluster).withName(job).get() != null;
    }

    @Test
    void aCpuRunEndsSucceededWithMeasuredRowsThatTheVariantShowsAndThatObeyLittlesLaw() {
        ProfilingFleet fleet = new ProfilingFleet();
        ProfilingJobController controller = controller(fleet);
        String variant = fleet.variant("FP32", IMAGE);
        String id = fleet.profile(variant, ProfilingFleet.request(fleet.cpu, "batchSizes", List.of(1, 8),
                "concurrencies", List.of(1, 2), "durationSeconds", 1, "timeoutSeconds", 180)).then().statusCode(201)
                .extract().path("runs[0].id");
        String job = "modelfleet-profiling-" + id;
        controller.echoNul(job);

        assertEquals(Outcome.STARTED, poll(id).outcome());
        assertEquals("RUNNING", run(id).getString("state"));
        assertNotNull(run(id).getString("startedAt"));
        assertTrue(jobExists(fleet, job), "the Job was applied to the cluster");
        assertEquals(Outcome.WAITING, poll(id).outcome(), "the Job has not run yet");

        assertEquals(List.of(job), controller.reconcile());
        assertEquals(0, controller.run(job).exitCode(), controller.run(job).stderr());
        assertEquals(Outcome.INGESTED, poll(id).outcome());

        JsonPath done = run(id);
        assertEquals("SUCCEEDED", done.getString("state"));
        assertNull(done.getString("reason"));
        assertNotNull(done.getString("finishedAt"));
        assertTrue(done.getString("logsExcerpt").contains("\"tool\":\"modelfleet-loadgen\""), "the log's end is kept");
        assertTrue(done.getString("logsExcerpt").contains("{\"error\":\"bad\uFFFDinput\"}"),
                "a NUL in the log is kept as U+FFFD: " + done.getString("logsExcerpt"));
        assertEquals(4, done.getList("rows").size());

        JsonPath shown = viewer().get("/api/v1/models/" + fleet.model + "/variants/" + variant).then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> measured = shown.<Map<String, Object>>getList("benchmarks").stream()
                .filter(b -> b.get("provenance") instanceof Map<?, ?> p && id.equals(p.get("profilingRun")))
                .toList();
        assertEquals(Set.of("1x1", "1x2", "8x1", "8x2"), measured.stream()
                .map(b -> b.get("batchSize") + "x" + b.get("concurrency")).collect(Collectors.toSet()));
        for (int i = 0; i < measured.size(); i++) {
            Map<String, Object> row = measured.get(i);
            @SuppressWarnings("unchecked")
            Map<String, Object> provenance = (Map<String, Object>) row.get("provenance");
            @SuppressWarnings("unchecked")
            Map<String, Object> figures = (Map<String, Object>) provenance.get("measured");
            assertEquals(List.of("MEASURED", fleet.cpu, 0, 1.0f, 1.0f), List.of(row.get("source"),
                    row.get("hardware"), row.get("acceleratorsPerReplica"), row.get("vcpusPerReplica"),
                    row.get("memoryGiBPerReplica")));
            assertEquals(List.of("modelfleet-loadgen", fleet.cluster, "cpu", IMAGE, "kserve-v2", "remote",
                    "point " + i + " (batch " + row.get("batchSize") + ", concurrency " + row.get("concurrency") + ")"),
                    List.of(provenance.get("tool"), provenance.get("cluster"), provenance.get("pool"),
                            provenance.get("image"), provenance.get("target"), provenance.get("provider"),
                            provenance.get("origin")));
            assertEquals(0, ((Number) figures.get("errors")).intValue());
            double throughput = ((Number) row.get("throughputRps")).doubleValue();
            double meanMs = ((Number) figures.get("meanMs")).doubleValue();
            double inFlight = throughput * meanMs / 1000;
            int expected = (Integer) row.get("batchSize") * (Integer) row.get("concurrency");
            assertTrue(Math.abs(inFlight - expected) <= 0.2 * expected, "Little's law (B6) for " + row
                    + ": throughput x mean = " + inFlight + ", batch x concurrency = " + expected);
            assertTrue(((Number) row.get("p99LatencyMs")).doubleValue() >= ((Number) figures.get("p90Ms"))
                    .doubleValue());
            // The figures a run on this machine gave (docs/profiling-draft.md quotes them).
            System.out.printf("profiling: batch %s x concurrency %s: %.1f inferences/s, mean %.3f ms, p99 %.3f ms,"
                    + " throughput x mean = %.2f%n", row.get("batchSize"), row.get("concurrency"), throughput, meanMs,
                    ((Number) row.get("p99LatencyMs")).doubleValue(), inFlight);
        }
        assertEquals(5, shown.getList("benchmarks").size(), "the typed-in row at batch 16 stays beside them");
        assertTrue(driver.pollOnce().stream().noneMatch(s -> s.runId().toString().equals(id)),
                "a SUCCEEDED run is not polled again");
    }

    @Test
    void aFailingJobEndsFailedWithItsConditionAndExitCodeAndAddsNothing() {
        ProfilingFleet fleet = new ProfilingFleet();
        ProfilingJobController controller = controller(fleet);
        controller.breakImage("broken-server");
        String variant = fleet.variant("FP32", "registry.example/broken-server:1");
        String id = fleet.profile(variant, ProfilingFleet.request(fleet.cpu, "batchSizes", List.of(1),
                "concurrencies", List.of(1), "durationSeconds", 1, "timeoutSeconds", 180)).then().statusCode(201)
                .extract().path("runs[0].id");
        assertEquals(Outcome.STARTED, poll(id).outcome());
        controller.reconcile();
        assertEquals(3, controller.run("modelfleet-profiling-" + id).exitCode(), "more than 1% of requests failed");

        ProfilingDriver.Step step = poll(id);
        assertEquals(Outcome.FAILED, step.outcome());
        JsonPath failed = run(id);
        assertEquals("FAILED", failed.getString("state"));
        assertEquals("Job condition Failed=True (BackoffLimitExceeded): Job has reached the specified backoff limit;"
                + " container loadgen terminated with exit code 3, more than 1% of requests failed (Error)",
                failed.getString("reason"));
        assertTrue(failed.getString("logsExcerpt").contains("a point failed more than 1% of its requests"),
                failed.getString("logsExcerpt"));
        assertEquals(List.of(), failed.getList("rows"));
        viewer().get("/api/v1/models/" + fleet.model + "/variants/" + variant).then().statusCode(200)
                .body("benchmarks.size()", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aJobWhoseLogLacksTheDocumentEndsFailedSayingSo() {
        ProfilingFleet fleet = new ProfilingFleet();
        ProfilingJobController controller = controller(fleet);
        String variant = fleet.variant("FP32", IMAGE);
        String id = fleet.profile(variant, ProfilingFleet.request(fleet.cpu, "batchSizes", List.of(2),
                "concurrencies", List.of(1), "durationSeconds", 1, "timeoutSeconds", 180)).then().statusCode(201)
                .extract().path("runs[0].id");
        controller.truncateLog("modelfleet-profiling-" + id);
        controller.echoNul("modelfleet-profiling-" + id);
        assertEquals(Outcome.STARTED, poll(id).outcome());
        controller.reconcile();
        assertEquals(Outcome.FAILED, poll(id).outcome());
        JsonPath failed = run(id);
        assertEquals("FAILED", failed.getString("state"));
        assertTrue(failed.getString("reason").startsWith("result document: no line of the log is the load"
                + " generator's JSON document; it ends with: "), failed.getString("reason"));
        assertTrue(failed.getString("reason").contains("server answered 500: {\"error\":\"bad\uFFFDinput\"}"),
                "the reason quotes the log, made storable: " + failed.getString("reason"));
        assertTrue(failed.getString("logsExcerpt").endsWith("batch 1 x concurrency 1: server answered 500:"
                + " {\"error\":\"bad\uFFFDinput\"}\n"), failed.getString("logsExcerpt"));
        assertEquals(List.of(), failed.getList("rows"));
        viewer().get("/api/v1/models/" + fleet.model + "/variants/" + variant).then().statusCode(200)
                .body("benchmarks.size()", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aPodThatNeverSchedulesTimesOutWithItsLastConditionAndTheJobIsDeleted() {
        ProfilingFleet fleet = new ProfilingFleet();
        ProfilingJobController controller = controller(fleet);
        String variant = fleet.variant("FP32", IMAGE);
        String id = fleet.profile(variant, ProfilingFleet.request(fleet.cpu, "batchSizes", List.of(1),
                "concurrencies", List.of(1), "durationSeconds", 1, "timeoutSeconds", 130)).then().statusCode(201)
                .extract().path("runs[0].id");
        String job = "modelfleet-profiling-" + id;
        controller.stall(job);
        assertEquals(Outcome.STARTED, poll(id).outcome());
        assertEquals(List.of(), controller.reconcile());
        String pending = "pod " + job + "-x7k2p is not scheduled (Unschedulable): "
                + ProfilingJobController.UNSCHEDULABLE;
        ProfilingDriver.Step waiting = poll(id);
        assertEquals(Outcome.WAITING, waiting.outcome());
        assertEquals(pending, waiting.detail());
        assertEquals(pending, run(id).getString("reason"), "GET shows what the run waits for");

        clock.step(Duration.ofSeconds(131));
        assertEquals(Outcome.TIMED_OUT, poll(id).outcome());
        JsonPath timedOut = run(id);
        assertEquals("TIMED_OUT", timedOut.getString("state"));
        assertEquals("no outcome within 130 s; last: " + pending, timedOut.getString("reason"));
        assertEquals(List.of(), timedOut.getList("rows"));
        assertTrue(!jobExists(fleet, job), "the Job is deleted");
    }

    @Test
    void aJobKubernetesStoppedAtItsDeadlineIsTimedOutAndDeleted() {
        ProfilingFleet fleet = new ProfilingFleet();
        ProfilingJobController controller = controller(fleet);
        String id = fleet.profile(fleet.variant("FP32", IMAGE), ProfilingFleet.request(fleet.cpu, "batchSizes",
                List.of(1), "concurrencies", List.of(1), "durationSeconds", 1, "timeoutSeconds", 130)).then()
                .statusCode(201).extract().path("runs[0].id");
        String job = "modelfleet-profiling-" + id;
        controller.expire(job);
        assertEquals(Outcome.STARTED, poll(id).outcome());
        controller.reconcile();
        assertEquals(Outcome.TIMED_OUT, poll(id).outcome());
        assertEquals("Kubernetes stopped the Job at its deadline of 130 s: Job condition Failed=True"
                + " (DeadlineExceeded): Job was active longer than specified deadline", run(id).getString("reason"));
        assertTrue(!jobExists(fleet, job));
    }

    @Test
    void aFailedApplyIsRetriedWhenItMayPassAndEndsTheRunWhenTheClusterRefusesForGood() {
        ProfilingFleet fleet = new ProfilingFleet();
        String retried = fleet.profile(fleet.variant("FP32", IMAGE), ProfilingFleet.request(fleet.cpu)).then()
                .statusCode(201).extract().path("runs[0].id");
        var server = clients.cluster().dispatcher();
        server.failWhen(r -> r.method().equals("PATCH") && r.path().contains("/jobs/modelfleet-profiling-" + retried),
                io.modelfleet.rollout.mock.Fault.status(503), 1);
        ProfilingDriver.Step first = poll(retried);
        assertEquals(Outcome.RETRYING, first.outcome());
        assertTrue(first.detail().startsWith("applying the Job failed, retrying: Kubernetes API answered 503"),
                first.detail());
        assertEquals("PENDING", run(retried).getString("state"));
        assertEquals(first.detail(), run(retried).getString("reason"));
        assertEquals(Outcome.STARTED, poll(retried).outcome());
        assertEquals("RUNNING", run(retried).getString("state"));

        String refused = fleet.profile(fleet.variant("FP32", IMAGE), ProfilingFleet.request(fleet.cpu)).then()
                .statusCode(201).extract().path("runs[0].id");
        server.failWhen(r -> r.method().equals("PATCH") && r.path().contains("/jobs/modelfleet-profiling-" + refused),
                io.modelfleet.rollout.mock.Fault.status(403), 1);
        assertEquals(Outcome.FAILED, poll(refused).outcome());
        assertTrue(run(refused).getString("reason").startsWith("applying the Job failed: Kubernetes API answered 403"),
                run(refused).getString("reason"));
    }
}
