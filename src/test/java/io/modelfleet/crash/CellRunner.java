package io.modelfleet.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.modelfleet.testing.prometheus.PrometheusServer;
import io.modelfleet.testing.prometheus.ScrapeTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the cells of a scenario. {@link #prepare} rolls v1 out once (no failpoint, no kill) and plans v2, keeping
 * the database as a template and the mock's objects as a snapshot; {@link #run} starts each cell from copies of
 * both: a control-plane process (with the failpoint, for a kill cell) runs the v2 rollout, is SIGKILLed at its
 * boundary and replaced by one without the failpoint, until the rollout is terminal or the bounded wait runs out.
 */
final class CellRunner implements AutoCloseable {

    static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "ROLLED_BACK", "ABORTED");
    static final long TERMINAL_WAIT_MILLIS = 60_000;
    /** Long enough for every healthy gate, across a restart; the broken image's gate times out after it. */
    static final int STEP_TIMEOUT_SECONDS = 6;
    /**
     * The failpoint's marker file is read every {@value} ms (a file check costs nothing), the rollout view far less
     * often: every GET costs the process under test 20-70 ms of a shared core. Until the abort scenario's abort is
     * sent the view is read more often, so that the abort lands close to its transition count.
     */
    private static final long MARKER_POLL_MILLIS = 25;
    private static final long VIEW_POLL_MILLIS = 500;
    private static final long ABORT_POLL_MILLIS = 100;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final HarnessPostgres postgres;
    private final Path jar;
    private final Path root;
    private final MockFleet mock = new MockFleet();
    /** The analyzed scenario's scrape target and Prometheus, alive for all its cells (their URL is in the plan). */
    private final List<AutoCloseable> metrics = new ArrayList<>();

    CellRunner(HarnessPostgres postgres, Path jar, Path root) {
        this.postgres = postgres;
        this.jar = jar;
        this.root = root;
        try {
            Files.createDirectories(root);
            // Written again by this run's first process: an archive of another build's jar would be refused anyway.
            Files.deleteIfExists(root.resolve("control-plane.jsa"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scenario's starting point: v1 rolled out, v2 planned (shared by scenarios of the same releases). */
    record Prepared(String templateDatabase, String planId, List<HasMetadata> objects,
            Map<String, MockFleet.Variant> variants) {
    }

    /**
     * What a run of the v2 rollout ended as; a baseline is a run with no boundary. {@code trace} names the
     * transitions of a run that was never killed, boundary 1 first; {@code analysisProblem} is null when every
     * analyzed step has exactly its measurements (none lost or taken twice across a kill) and passed.
     */
    record Run(String status, int transitions, String transition, Map<String, List<String>> objects,
            boolean lockReleased, MockFleet.CapacityWatch capacity, String problem, double appStartSeconds,
            List<String> trace, String analysisProblem) {
    }

    Prepared prepare(Scenario scenario) {
        String database = postgres.createDatabase("v1_" + scenario.name().toLowerCase());
        Path dir = directory(scenario.label() + "-v1");
        mock.reset();
        AppProcess setup = AppProcess.start(settings(dir, mock, database, OptionalInt.empty()), "v1");
        try {
            ControlPlaneApi api = new ControlPlaneApi(setup.base());
            Fleet fleet = new Fleet(api, mock);
            fleet.catalogAndClusters();
            String v1 = fleet.rollout(fleet.release("1.0.0", scenario.v1), 60);
            String status = awaitTerminal(api, v1);
            if (!"SUCCEEDED".equals(status)) {
                throw new IllegalStateException("the v1 rollout ended " + status + ": " + api.get(rollout(v1)));
            }
            awaitSettled(mock);
            String plan = fleet.release("2.0.0", scenario.v2);
            if (scenario.analyzed) {
                plan = analyzed(scenario, fleet);
            }
            return new Prepared(database, plan, mock.snapshot(), mock.variants());
        } finally {
            // Not under test: a clean exit, so that the first one writes the class archive.
            setup.stop();
        }
    }

    Run run(Scenario scenario, Prepared prepared, OptionalInt haltAfter) {
        String database = postgres.copyDatabase(prepared.templateDatabase(), "cell_" + DATABASES.incrementAndGet());
        Path dir = directory(scenario.label() + "-" + (haltAfter.isPresent() ? "kill-" + haltAfter.getAsInt()
                : "baseline"));
        try {
            mock.reset();
            mock.seed(prepared.objects());
            prepared.variants().forEach((id, v) -> mock.variant(id, v.deployment(), v.rps()));
            // The controller brings the copied workloads' pods up before the sampling of invariant 3 begins.
            awaitSettled(mock);
            Map<MockFleet.Need, Double> needs = new LinkedHashMap<>();
            for (String ns : Fleet.namespaces()) {
                for (String d : Fleet.DEPLOYMENTS) {
                    needs.put(new MockFleet.Need(ns, d), Fleet.NEED_RPS);
                }
            }
            MockFleet.CapacityWatch capacity = mock.watch(needs);
            return drive(scenario, mock, settings(dir, mock, database, OptionalInt.empty()),
                    settings(dir, mock, database, haltAfter), prepared.planId(), capacity, database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres.dropDatabase(database);
        }
    }

    /**
     * A real Prometheus scraping the v2 pods' Triton series (p99 9 ms under the SLO's 50, 1500 requests/s, no
     * failures), each pod labelled with its variant as the scrape config's relabeling would; the clusters name it,
     * the deployments are analyzed, and v2 is planned again; the plan's id.
     */
    private String analyzed(Scenario scenario, Fleet fleet) {
        ScrapeTarget target = ScrapeTarget.start();
        metrics.add(target);
        Map<String, String> model = Map.of("model", "m", "version", "1");
        for (String ns : Fleet.namespaces()) {
            for (int i = 0; i < Fleet.DEPLOYMENTS.size(); i++) {
                String d = Fleet.DEPLOYMENTS.get(i);
                Scenario.Release r = scenario.v2.get(i);
                String workload = d + "-" + r.precision.toLowerCase() + "-" + r.hardware;
                target.pod(ns, workload + "-a", d, workload, fleet.released().get(d)).endpoint()
                        .summary("nv_inference_request_summary_us", model, Map.of(0.99, 9_000.0))
                        .counter("nv_inference_request_success", model, Fleet.NEED_RPS)
                        .counter("nv_inference_request_failure", model, 0);
            }
        }
        PrometheusServer prometheus = PrometheusServer.start(target);
        metrics.add(0, prometheus);
        prometheus.awaitSamples("nv_inference_request_success", 3);
        fleet.metrics(prometheus.url());
        return fleet.analyzed("2.0.0", Map.of("runtime", "TRITON", "interval", Scenario.ANALYSIS_INTERVAL,
                "count", Scenario.ANALYSIS_COUNT, "initialDelay", "0s", "minRequests", 50, "window", "1m"));
    }

    @Override
    public void close() {
        mock.close();
        for (AutoCloseable c : metrics) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop " + c, e);
            }
        }
    }

    private Path directory(String name) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("failpoint-marker"));
            // Logs are appended to (a cell's processes share its directory); each run starts them afresh.
            try (var old = Files.newDirectoryStream(dir, "*.log")) {
                for (Path log : old) {
                    Files.delete(log);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private AppProcess.Settings settings(Path dir, MockFleet mock, String database, OptionalInt haltAfter) {
        Path kubeconfig = mock.writeKubeconfig(dir.resolve("kubeconfig"), Fleet.contexts());
        return new AppProcess.Settings(jar, postgres.port(), database, kubeconfig, dir, haltAfter,
                dir.resolve("failpoint-marker"), root.resolve("control-plane.jsa"));
    }

    private Run drive(Scenario scenario, MockFleet mock, AppProcess.Settings plain, AppProcess.Settings underTest,
            String plan, MockFleet.CapacityWatch capacity, String database) throws IOException {
        boolean killCell = underTest.haltAfterTransition().isPresent();
        AppProcess app = AppProcess.start(underTest, killCell ? "v2-failpoint" : "v2");
        double startSeconds = app.startSeconds();
        try {
            ControlPlaneApi api = new ControlPlaneApi(app.base());
            String id = new Fleet(api, mock).rollout(plan, STEP_TIMEOUT_SECONDS);
            boolean aborted = scenario.abortAt == 0;
            boolean killed = false;
            String transition = "-";
            long deadline = System.currentTimeMillis() + TERMINAL_WAIT_MILLIS;
            long nextView = 0;
            while (true) {
                String halted = killCell && !killed ? haltLine(underTest) : null;
                if (halted != null) {
                    if (!aborted) {
                        // The halted process still answers: the abort reaches it if its boundary was at or past.
                        aborted = abortWhenDue(api, id, scenario, api.get(rollout(id)));
                    }
                    transition = halted;
                    app.kill();
                    killed = true;
                    app = AppProcess.start(plain, "v2-restarted");
                    startSeconds += app.startSeconds();
                    api = new ControlPlaneApi(app.base());
                    deadline = System.currentTimeMillis() + TERMINAL_WAIT_MILLIS;
                    nextView = 0;
                    continue;
                }
                if (System.currentTimeMillis() >= nextView) {
                    JsonNode view = api.get(rollout(id));
                    int transitions = view.path("transitions").asInt(-1);
                    if (!aborted) {
                        aborted = abortWhenDue(api, id, scenario, view);
                    }
                    String status = view.path("status").asText();
                    if (TERMINAL.contains(status)) {
                        String problem = killCell && !killed ? "ended " + status + " after " + transitions
                                + " transitions, before the boundary" : null;
                        return finish(scenario, mock, id, view, transition, capacity, database, problem,
                                startSeconds, killCell ? List.of() : trace(underTest));
                    }
                    if (System.currentTimeMillis() > deadline) {
                        return finish(scenario, mock, id, view, transition, capacity, database,
                                "not terminal " + TERMINAL_WAIT_MILLIS / 1000 + " s after the " + (killed ? "restart"
                                        : "start") + ": " + status + " after " + transitions + " transitions",
                                startSeconds, List.of());
                    }
                    nextView = System.currentTimeMillis() + (aborted ? VIEW_POLL_MILLIS : ABORT_POLL_MILLIS);
                }
                AppProcess.sleep(MARKER_POLL_MILLIS);
            }
        } finally {
            app.kill();
        }
    }

    /** Sends the scenario's abort once the view shows its transition count reached; whether it was sent. */
    private static boolean abortWhenDue(ControlPlaneApi api, String id, Scenario scenario, JsonNode view) {
        if (view.path("transitions").asInt(-1) < scenario.abortAt) {
            return false;
        }
        api.post(rollout(id) + "/abort", null, 200);
        return true;
    }

    private Run finish(Scenario scenario, MockFleet mock, String id, JsonNode view, String transition,
            MockFleet.CapacityWatch capacity, String database, String problem, double startSeconds,
            List<String> trace) {
        // Pods keep changing after the last transition (a rollback's old pods becoming ready): keep sampling.
        awaitSettled(mock);
        AppProcess.sleep(10 * MockFleet.PASS_MILLIS);
        mock.stopWatching();
        Map<String, List<String>> objects = new LinkedHashMap<>();
        for (String ns : Fleet.namespaces()) {
            objects.put(ns, mock.objects(ns));
        }
        boolean lockReleased = postgres.lockRows(database, UUID.fromString(id)) == 0;
        return new Run(view.path("status").asText(), view.path("transitions").asInt(-1), transition, objects,
                lockReleased, capacity, problem, startSeconds, trace,
                scenario.analyzed ? analysisProblem(view) : null);
    }

    /**
     * Null when every upsert step of the rollout has measurements 1..count, three checks each, and passed: a kill
     * inside ANALYZING neither lost a committed measurement nor counted one twice. Otherwise what is wrong.
     */
    static String analysisProblem(JsonNode view) {
        List<String> wrong = new ArrayList<>();
        for (JsonNode cluster : view.path("clusters")) {
            for (JsonNode step : cluster.path("steps")) {
                if (!"UPSERT".equals(step.path("action").asText())) {
                    continue;
                }
                JsonNode analysis = step.path("analysis");
                List<Integer> seqs = new ArrayList<>();
                analysis.path("measurements").forEach(m -> seqs.add(m.path("seq").asInt()));
                List<Integer> expected = new ArrayList<>();
                for (int seq = 1; seq <= Scenario.ANALYSIS_COUNT; seq++) {
                    expected.addAll(List.of(seq, seq, seq));
                }
                List<Integer> sorted = seqs.stream().sorted().toList();
                if (!sorted.equals(expected) || !analysis.path("decision").asText().startsWith("PASS")) {
                    wrong.add(cluster.path("cluster").asText() + "/" + step.path("deployment").asText()
                            + " measurements " + sorted + " decision " + analysis.path("decision").asText());
                }
            }
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    /** The names of the committed transitions the failpoint traced, boundary 1 first. */
    private static List<String> trace(AppProcess.Settings settings) throws IOException {
        if (!Files.exists(settings.markerFile())) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(settings.markerFile())) {
            String prefix = "committed transition " + (names.size() + 1) + ":";
            if (line.startsWith(prefix)) {
                names.add(line.substring(prefix.length()).trim());
            }
        }
        return names;
    }

    /** The transition name from the failpoint's marker line, once the process under test wrote it. */
    private static String haltLine(AppProcess.Settings settings) throws IOException {
        if (!Files.exists(settings.markerFile())) {
            return null;
        }
        String prefix = "halted after transition " + settings.haltAfterTransition().getAsInt() + ":";
        for (String line : Files.readAllLines(settings.markerFile())) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    private static String awaitTerminal(ControlPlaneApi api, String id) {
        long deadline = System.currentTimeMillis() + TERMINAL_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            String status = api.get(rollout(id)).path("status").asText();
            if (TERMINAL.contains(status)) {
                return status;
            }
            AppProcess.sleep(100);
        }
        throw new IllegalStateException("rollout " + id + " not terminal after " + TERMINAL_WAIT_MILLIS / 1000 + " s: "
                + api.get(rollout(id)));
    }

    private static void awaitSettled(MockFleet mock) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!mock.settled(Fleet.namespaces()) && System.currentTimeMillis() < deadline) {
            AppProcess.sleep(MockFleet.PASS_MILLIS);
        }
    }

    private static String rollout(String id) {
        return "/api/v1/rollouts/" + id;
    }
}
