package io.modelfleet.cli;

import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.modelfleet.rollout.RolloutEngine;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.modelfleet.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rollout}, {@code rollout watch} and {@code pause|resume|abort} against the running app: the engine is
 * driven by the test (its scheduler is off in tests), KUBERNETES targets are served by the mock API server, and the
 * watch follows the rollout's real event stream from another thread.
 */
@QuarkusTest
class CliRolloutWatchTest {

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "ROLLED_BACK", "ABORTED", "FAILED");

    @Inject
    RolloutEngine engine;

    @Inject
    MockKubernetesClients clients;

    private CliRunner cli;

    @BeforeEach
    void login() {
        cli = new CliRunner();
        CliRunner.Result login = cli.runWithInput(Api.token(Api.As.OPERATOR) + "\n", "login",
                CliEndToEndTest.url());
        assertEquals(0, login.status(), login.toString());
    }

    @Test
    void watchDrawsTheTreeLiveAndExitsZeroWhenTheRolloutSucceeds() throws Exception {
        CliFleet fleet = new CliFleet(false);
        String d = fleet.deployment(3000, 20);
        String planId = json(ok("plan", d, "-o", "json")).path("id").asText();
        String id = json(ok("rollout", planId, "-o", "json")).path("id").asText();
        CompletableFuture<CliRunner.Result> watch = CompletableFuture.supplyAsync(() -> cli.run("rollout", "watch",
                id));
        // The stream sends the rollout at once: give the watch time to draw it before anything moves.
        Thread.sleep(2000);
        JsonNode end = drive(UUID.fromString(id));
        CliRunner.Result result = watch.get(60, TimeUnit.SECONDS);
        assertEquals(ExitCodes.OK, result.status(), result.toString());
        // GITOPS: the plan's workload is written as default/<deployment>-<precision>-<hardware>, then the retire
        // step finds nothing older to remove.
        String workload = "default/" + d + "-int8-" + fleet.t4;
        String first = "Rollout:  " + id + "\n"
                + "Plan:     " + planId + "\n"
                + "Status:   ◌ RUNNING\n"
                + "Clusters:\n"
                + "└── ○ " + fleet.cluster + "  wave 0  PENDING\n"
                + "    ├── ○ UPSERT " + d + "  " + workload + "  PENDING  replicas 2\n"
                + "    └── ○ RETIRE " + d + "  " + workload + "  PENDING\n";
        assertTrue(result.out().startsWith(first), result.out());
        String last = "Rollout:  " + id + "\n"
                + "Plan:     " + planId + "\n"
                + "Status:   ✔ SUCCEEDED\n"
                + "Reason:   SUCCEEDED: every cluster runs the plan\n"
                + "Clusters:\n"
                + "└── ✔ " + fleet.cluster + "  wave 0  SUCCEEDED  CLUSTER_DONE: all steps done\n"
                + "    ├── ✔ UPSERT " + d + "  " + workload + "  DONE  replicas 2  NOT_ANALYZED: written to the GitOps"
                + " directory; Argo CD or Flux applies it; no metrics source: not analyzed\n"
                + "    └── ✔ RETIRE " + d + "  " + workload + "  DONE  NOTHING_TO_RETIRE: nothing else to retire\n"
                + "Rollout " + id + " ended SUCCEEDED: every cluster runs the plan\n";
        assertTrue(result.out().endsWith("\n" + last), result.out());
        assertEquals("SUCCEEDED", end.path("status").asText());
        assertEquals(last.substring(0, last.indexOf("Rollout " + id + " ended")), ok("get", "rollouts", id).out());
        assertEquals("", result.err());
    }

    @Test
    void watchExitsNonZeroWhenTheRolloutRollsBack() throws Exception {
        CliFleet fleet = new CliFleet(true);
        String d = fleet.deployment(3000, 20);
        // A Service of the same name that ModelFleet did not create: the step refuses to take it over and the
        // cluster rolls back (RolloutScenariosTest shows the engine's side).
        clients.cluster().client().resource(new ServiceBuilder().withNewMetadata().withName(d)
                .withNamespace(fleet.cluster).endMetadata().withNewSpec().withSelector(Map.of("app", "legacy"))
                .addNewPort().withPort(80).endPort().endSpec().build()).create();
        String planId = json(ok("plan", d, "-o", "json")).path("id").asText();
        String id = json(ok("rollout", planId, "-o", "json")).path("id").asText();
        CompletableFuture<CliRunner.Result> watch = CompletableFuture.supplyAsync(() -> cli.run("rollout", "watch",
                id));
        JsonNode end = drive(UUID.fromString(id));
        CliRunner.Result result = watch.get(60, TimeUnit.SECONDS);
        assertEquals("ROLLED_BACK", end.path("status").asText());
        assertEquals(ExitCodes.NOT_SUCCEEDED, result.status(), result.toString());
        assertEquals("Rollout " + id + " ended ROLLED_BACK: " + end.path("reason").asText() + "\n", result.err());
        assertTrue(result.out().contains("Status:   ↶ ROLLED_BACK\n"), result.out());
        assertTrue(result.out().contains("OWNERSHIP_CONFLICT: "), result.out());
        assertTrue(result.out().contains("└── ↶ " + fleet.cluster + "  wave 0  ROLLED_BACK"), result.out());
    }

    @Test
    void pauseResumeAndAbortActOnTheRolloutAndRefusalsPrintTheRule() throws Exception {
        CliFleet fleet = new CliFleet(false);
        String d = fleet.deployment(3000, 20);
        String planId = json(ok("plan", d, "-o", "json")).path("id").asText();
        String id = json(ok("rollout", planId, "-o", "json")).path("id").asText();
        assertEquals("Rollout " + id + " is PAUSED\n", ok("pause", id).out());
        assertEquals("PAUSED", view(id).path("status").asText());
        CliRunner.Result again = cli.run("pause", id);
        assertEquals(ExitCodes.API_ERROR, again.status(), again.toString());
        assertTrue(again.err().startsWith("error: rollout " + id + " is PAUSED; it cannot be paused: only a RUNNING"
                + " rollout that is not rolling back can be paused (HTTP 409 "), again.err());
        assertEquals("Rollout " + id + " is RUNNING\n", ok("resume", id).out());
        CliRunner.Result abort = ok("abort", id);
        assertEquals("Rollout " + id + " is ABORTING\n", abort.out());
        JsonNode end = drive(UUID.fromString(id));
        assertEquals("ABORTED", end.path("status").asText());
        CliRunner.Result watch = cli.run("rollout", "watch", id);
        assertEquals(ExitCodes.NOT_SUCCEEDED, watch.status(), watch.toString());
        assertTrue(watch.out().contains("Status:   ⊘ ABORTED\n"), watch.out());
        CliRunner.Result unknown = cli.run("rollout", "watch", UUID.randomUUID().toString());
        assertEquals(ExitCodes.API_ERROR, unknown.status(), unknown.toString());
    }

    private JsonNode drive(UUID id) {
        engine.claim();
        for (int i = 0; i < 200; i++) {
            engine.drive(id, 1);
            clients.cluster().reconcile();
            JsonNode v = view(id.toString());
            if (TERMINAL.contains(v.path("status").asText())) {
                return v;
            }
        }
        throw new AssertionError("rollout did not end: " + view(id.toString()));
    }

    private static JsonNode view(String id) {
        return CliEndToEndTest.readJson(viewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract()
                .asString());
    }

    private CliRunner.Result ok(String... args) {
        CliRunner.Result r = cli.run(args);
        assertEquals(0, r.status(), r.toString());
        return r;
    }

    private static JsonNode json(CliRunner.Result r) {
        return CliEndToEndTest.readJson(r.out());
    }
}
