package io.modelfleet.profiling;

import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.modelfleet.profiling.domain.LoadgenDocument;
import io.modelfleet.profiling.domain.ProfilingState;
import io.modelfleet.profiling.entity.Claim;
import io.modelfleet.profiling.kube.KubernetesJobTarget;
import io.modelfleet.profiling.repository.ProfilingRunStore;
import io.modelfleet.profiling.service.ProfilingDriver;
import io.modelfleet.profiling.service.ProfilingDriver.Outcome;
import io.modelfleet.profiling.service.ResultIngest;
import io.modelfleet.rollout.kube.ManifestYaml;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.modelfleet.testing.OffsetClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several replicas, one database: two drivers racing over a finished Job ingest it once; a replica whose claim ran
 * out commits nothing after another took over; a replica that starts after another died picks runs up from their
 * rows, reading the Job rather than applying it again.
 */
@QuarkusTest
class ProfilingRacesTest {

    private static final String IMAGE = "ghcr.io/modelfleet/onnx-server:1.4";

    @Inject
    ProfilingDriver driver;

    @Inject
    ProfilingRunStore store;

    @Inject
    ResultIngest ingest;

    @Inject
    MockKubernetesClients clients;

    @Inject
    OffsetClock clock;

    /** A one-point run on the fleet's KUBERNETES cluster, created (PENDING). */
    private static String onePointRun(ProfilingFleet fleet) {
        String variant = fleet.variant("FP32", IMAGE);
        return fleet.profile(variant, ProfilingFleet.request(fleet.cpu, "batchSizes", List.of(4), "concurrencies",
                List.of(2), "durationSeconds", 1, "timeoutSeconds", 180)).then().statusCode(201).extract()
                .path("runs[0].id");
    }

    private static List<ProfilingDriver.Step> of(List<ProfilingDriver.Step> steps, String run) {
        return steps.stream().filter(s -> s.runId().toString().equals(run)).toList();
    }

    private static io.restassured.path.json.JsonPath run(String id) {
        return viewer().get("/api/v1/profiling-runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    private List<String> jobWrites() {
        return clients.cluster().dispatcher().requests().stream().filter(r -> r.contains("/jobs"))
                .filter(r -> !r.startsWith("GET")).toList();
    }

    @Test
    void twoDriversPollingAFinishedJobAtOnceIngestItOnce() throws Exception {
        ProfilingFleet fleet = new ProfilingFleet();
        ProfilingJobController controller = new ProfilingJobController(clients.cluster().dispatcher(), fleet.cluster);
        String id = onePointRun(fleet);
        assertEquals(Outcome.STARTED, of(driver.pollOnce(), id).get(0).outcome());
        controller.reconcile();

        ProfilingDriver a = driver.withInstance("replica-a");
        ProfilingDriver b = driver.withInstance("replica-b");
        List<ProfilingDriver.Step> steps = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<List<ProfilingDriver.Step>>> racing = pool.invokeAll(List.<Callable<List<ProfilingDriver
                        .Step>>>of(a::pollOnce, b::pollOnce));
                for (Future<List<ProfilingDriver.Step>> f : racing) {
                    steps.addAll(of(f.get(), id));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, steps.stream().filter(s -> s.outcome() == Outcome.INGESTED).count(), steps.toString());
        assertTrue(steps.stream().allMatch(s -> s.outcome() == Outcome.INGESTED || s.outcome() == Outcome.MOVED),
                steps.toString());
        assertEquals("SUCCEEDED", run(id).getString("state"));
        assertEquals(1, run(id).getList("rows").size());
    }

    @Test
    void aReplicaWhoseClaimRanOutCommitsNothingAfterAnotherTookOver() throws Throwable {
        ProfilingFleet fleet = new ProfilingFleet();
        ProfilingJobController controller = new ProfilingJobController(clients.cluster().dispatcher(), fleet.cluster);
        String id = onePointRun(fleet);
        assertEquals(Outcome.STARTED, of(driver.pollOnce(), id).get(0).outcome());
        controller.reconcile();

        // Replica A claims the run, then stalls (a long GC pause) past its claim.
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        Claim stale = store.claim("replica-a", now, now.plusSeconds(60), 100).await().atMost(Duration.ofSeconds(10))
                .stream().filter(c -> c.run().id().toString().equals(id)).findFirst().orElseThrow();
        assertTrue(of(driver.withInstance("replica-b").pollOnce(), id).isEmpty(), "B waits while A's claim holds");
        clock.step(Duration.ofSeconds(61));
        assertEquals(Outcome.INGESTED, of(driver.withInstance("replica-b").pollOnce(), id).get(0).outcome());

        // A wakes up and tries what it was about to do: ingest the same document, or end the run.
        LoadgenDocument doc = LoadgenDocument.lastIn(run(id).getString("logsExcerpt"));
        OffsetDateTime later = now.plusSeconds(62);
        ResultIngest.Ingested late = VertxContextSupport.subscribeAndAwait(() -> ingest.ingest(stale.run(),
                stale.token(), doc, "late", later));
        assertTrue(late.moved(), "A's token is no longer the run's: nothing is written");
        assertFalse(store.ended(stale, ProfilingState.FAILED, "late", null, later).await()
                .atMost(Duration.ofSeconds(10)));
        assertEquals("SUCCEEDED", run(id).getString("state"));
        assertEquals(1, run(id).getList("rows").size());
        assertFalse(run(id).getString("logsExcerpt").equals("late"));
    }

    @Test
    void aReplicaStartingAfterAnotherDiedReadsARunningJobAndNeverAppliesItAgain() {
        ProfilingFleet fleet = new ProfilingFleet();
        ProfilingJobController controller = new ProfilingJobController(clients.cluster().dispatcher(), fleet.cluster);
        String id = onePointRun(fleet);
        assertEquals(Outcome.STARTED, of(driver.withInstance("before-restart").pollOnce(), id).get(0).outcome());
        clients.cluster().dispatcher().clearRequests();

        ProfilingDriver restarted = driver.withInstance("after-restart");
        assertEquals(Outcome.WAITING, of(restarted.pollOnce(), id).get(0).outcome());
        controller.reconcile();
        assertEquals(Outcome.INGESTED, of(restarted.pollOnce(), id).get(0).outcome());
        assertEquals(List.of(), jobWrites().stream().filter(r -> r.contains(fleet.cluster)).toList(),
                "the Job was read, never applied again");
        assertEquals("SUCCEEDED", run(id).getString("state"));
    }

    @Test
    void aPendingRunWhoseJobWasAppliedBeforeTheReplicaDiedIsAdoptedNotAppliedAgain() {
        ProfilingFleet fleet = new ProfilingFleet();
        ProfilingJobController controller = new ProfilingJobController(clients.cluster().dispatcher(), fleet.cluster);
        String id = onePointRun(fleet);
        // The replica that died had applied the Job and not yet recorded RUNNING.
        Job job = ManifestYaml.parse(run(id).getString("job.manifest"), Job.class);
        new KubernetesJobTarget(clients.cluster().client()).apply(job);
        clients.cluster().dispatcher().clearRequests();

        assertEquals(Outcome.ADOPTED, of(driver.withInstance("after-restart").pollOnce(), id).get(0).outcome());
        assertEquals(List.of(), jobWrites().stream().filter(r -> r.contains(fleet.cluster)).toList());
        assertEquals("RUNNING", run(id).getString("state"));
        controller.reconcile();
        assertEquals(Outcome.INGESTED, of(driver.pollOnce(), id).get(0).outcome());
    }

    @Test
    void aCancelThatLandsWhileADriverAppliesTheJobLeavesNoJobBehind() {
        ProfilingFleet fleet = new ProfilingFleet();
        String id = onePointRun(fleet);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        Claim claim = store.claim("replica-a", now, now.plusSeconds(60), 100).await().atMost(Duration.ofSeconds(10))
                .stream().filter(c -> c.run().id().toString().equals(id)).findFirst().orElseThrow();
        // The cancel lands on another replica before A applies: there is no Job to remove yet.
        io.modelfleet.testing.Api.operator().post("/api/v1/profiling-runs/" + id + "/cancel").then().statusCode(200);
        ProfilingDriver.Step step = driver.withInstance("replica-a").advance(claim);
        assertEquals(Outcome.MOVED, step.outcome(), "A applied the Job, and its commit was refused");
        assertEquals("CANCELLED", run(id).getString("state"));
        String job = "modelfleet-profiling-" + id;
        assertTrue(clients.cluster().dispatcher().requests().stream().anyMatch(r -> r.startsWith("PATCH")
                && r.contains("/jobs/" + job)), "A did apply it");
        assertEquals(null, clients.cluster().client().batch().v1().jobs().inNamespace(fleet.cluster).withName(job)
                .get(), "and removed it when it found the run cancelled");
    }
}
