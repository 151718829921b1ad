package io.modelfleet.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.rollout.SweepDriver.Drive;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.mock.ApplyingCrudDispatcher;
import io.modelfleet.rollout.mock.Fault;
import io.modelfleet.rollout.mock.MockCluster;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.modelfleet.rollout.mock.RecordedCall;
import io.modelfleet.testing.OffsetClock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault sweep: one fault injected at each Kubernetes request of a rollout in turn, in a rollout that succeeds
 * (scenario R) and in one that rolls back (scenario B); every run must end terminal with the invariants holding.
 *
 * <p>Each run has a fleet of its own ({@link SweepFleet}: its own cluster and deployments, on a catalog registered
 * once): v1 of two deployments rolled out cleanly first, then the v2 rollout under test, which switches A's hardware
 * and precision (INT8 on CPU to FP16 on T4, side by side, the CPU Deployment retired once the T4 one serves) and
 * upgrades B in place. In scenario B, B's new image never becomes ready, the clock is stepped past the step timeout,
 * B's gate fails and the cluster rolls back, A's switch included. Pods become ready one controller pass after they
 * start, so every surge is visible to the capacity samples.
 *
 * <p>Each scenario first runs without a fault; its v2 rollout's Kubernetes requests (indexed from 0 after
 * {@link ApplyingCrudDispatcher#resetFaults()} at its start) number N. Then, for each fault kind and each chosen
 * index i in 0..N-1, a fresh fleet, {@code failAt(i, fault)}, and the rollout driven one transition at a time
 * ({@link SweepDriver}) until it is terminal. Every run is checked for:
 * <ul>
 * <li>terminal status: B always ROLLED_BACK; R always SUCCEEDED, because every swept fault is retryable and one
 * fault uses one of the 5 attempts;</li>
 * <li>no row left in {@code active_rollout_deployment};</li>
 * <li>capacity, after every transition and every controller pass, of each deployment (the sum over available pods
 * of the benchmark rps of the variant the pod runs, read from its MODEL_VARIANT_ID) at least demand x (1 +
 * headroom); the fault-free runs must pass through exactly the capacity states computed by hand below;</li>
 * <li>final objects (Deployment names, replicas, images, labels; Services; PDBs) equal to the fault-free run's,
 * and for B also to the same fleet's v1 objects;</li>
 * <li>the requests up to and including the faulted one equal the fault-free run's (the fault hit the request it
 * was meant for);</li>
 * <li>bounded waiting: at most one transition waited the client's request timeout (2 s; a TIMEOUT holds its answer
 * 6 s), none longer than that plus {@link #SLACK}, and a TIMEOUT run waited exactly once.</li>
 * </ul>
 *
 * <p>Coverage: every index for 500 and RESET; for 409, 429, TIMEOUT (each TIMEOUT run waits out a 2 s time-out) and
 * LATE_ANSWER (the write lands, its answer does not) a sample of {@value #SAMPLED_INDEXES} indexes per scenario, drawn
 * with seed {@value #SEED}, so that the class stays within minutes on a 2-core machine.
 * {@code -Dfault-sweep.every-index=true} sweeps every index of every kind.
 */
@QuarkusTest
class RolloutFaultSweepTest {

    private static final int STEP_TIMEOUT_SECONDS = 60;
    private static final int SAMPLED_INDEXES = 5;
    private static final long SEED = 20261215L;
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final List<Fault> EVERY_INDEX = List.of(Fault.INTERNAL_ERROR, Fault.RESET);
    private static final List<Fault> SAMPLED = List.of(Fault.CONFLICT, Fault.TOO_MANY_REQUESTS, Fault.TIMEOUT,
            Fault.LATE_ANSWER);

    /** The two scenarios, each with its terminal status and the capacity states (rps) its fault-free run passes. */
    enum Scenario {
        /**
         * A: 4 CPU pods (800); the T4 pod up beside them (1,800); CPU retired (1,000). B in place: one old pod
         * replaced by a new one (1,000 + 1,100), then the other (2 x 1,100).
         */
        R("rollout", RolloutStatus.SUCCEEDED, List.of("A=800 B=2000", "A=1800 B=2000", "A=1000 B=2000",
                "A=1000 B=2100", "A=1000 B=2200")),
        /**
         * A switches as in R; B's surge pod never becomes ready (B stays at 2,000); the rollback re-creates A's 4
         * CPU pods beside the T4 one (1,800) and only then removes the T4 Deployment (800).
         */
        B("rollback", RolloutStatus.ROLLED_BACK, List.of("A=800 B=2000", "A=1800 B=2000", "A=1000 B=2000",
                "A=1800 B=2000", "A=800 B=2000"));

        final String what;
        final RolloutStatus terminal;
        final List<String> capacityStates;

        Scenario(String what, RolloutStatus terminal, List<String> capacityStates) {
            this.what = what;
            this.terminal = terminal;
            this.capacityStates = capacityStates;
        }
    }

    @Inject
    RolloutEngine engine;

    @Inject
    MockKubernetesClients clients;

    @Inject
    Pool pool;

    @Inject
    OffsetClock clock;

    private static SweepFleet.Catalog catalog;

    private final EngineLog engineLog = new EngineLog();

    @BeforeEach
    void podsReadyOnePassAfterTheyStart() {
        cluster().readyDelay(1);
        Logger.getLogger("io.modelfleet.rollout").addHandler(engineLog);
    }

    @AfterEach
    void podsReadyAtOnceAsTheOtherTestsExpect() {
        cluster().readyDelay(0);
        cluster().dispatcher().resetFaults();
        Logger.getLogger("io.modelfleet.rollout").removeHandler(engineLog);
    }

    @Test
    void aRolloutHitByAnyOneRetryableFaultStillSucceedsWithCapacityAndObjectsAsWithoutIt() {
        sweep(Scenario.R);
    }

    @Test
    void aRollbackHitByAnyOneFaultStillRollsBackToV1WithCapacityKept() {
        sweep(Scenario.B);
    }

    private void sweep(Scenario scenario) {
        long started = System.nanoTime();
        RunResult baseline = run(scenario, null, -1, null);
        assertEquals(List.of(), baseline.problems(), scenario + " without a fault");
        assertEquals(scenario.capacityStates, baseline.drive().trace(), scenario + " without a fault");
        int n = baseline.requests().size();
        System.out.printf("fault sweep %s (%s): the fault-free v2 rollout made N=%d Kubernetes requests in %d"
                + " transitions%n", scenario, scenario.what, n, baseline.drive().iterations());

        List<RunResult> bad = new ArrayList<>();
        Map<Fault, Tally> tallies = new LinkedHashMap<>();
        for (Fault fault : kinds()) {
            Tally tally = tallies.computeIfAbsent(fault, f -> new Tally());
            for (int index : indexes(fault, n, scenario)) {
                RunResult r = run(scenario, fault, index, baseline);
                tally.add(r);
                if (!r.problems().isEmpty()) {
                    bad.add(r);
                }
            }
            System.out.println("fault sweep " + scenario + " " + fault + ": " + tally.summary());
        }
        System.out.printf("fault sweep %s: %d runs in %.0f s%n", scenario,
                tallies.values().stream().mapToInt(t -> t.runs).sum(),
                seconds(Duration.ofNanos(System.nanoTime() - started)));
        if (!bad.isEmpty()) {
            StringBuilder why = new StringBuilder(bad.size() + " bad run(s) of scenario " + scenario + ":\n");
            bad.forEach(r -> why.append(r.oneLine()).append('\n'));
            bad.stream().limit(3).forEach(r -> why.append(r.details()).append('\n'));
            throw new AssertionError(why.toString());
        }
    }

    private static List<Fault> kinds() {
        List<Fault> all = new ArrayList<>(EVERY_INDEX);
        all.addAll(SAMPLED);
        return all;
    }

    /** Every index for the kinds swept in full, else a seeded sample (distinct, ascending). */
    private static List<Integer> indexes(Fault fault, int n, Scenario scenario) {
        List<Integer> all = IntStream.range(0, n).boxed().collect(Collectors.toList());
        if (EVERY_INDEX.contains(fault) || Boolean.getBoolean("fault-sweep.every-index")) {
            return all;
        }
        Collections.shuffle(all, new Random(SEED + 31L * fault.toString().hashCode() + scenario.ordinal()));
        return all.subList(0, Math.min(SAMPLED_INDEXES, n)).stream().sorted().toList();
    }

    /** A fresh fleet on v1, then its v2 rollout with {@code fault} at request {@code index} (none: the baseline). */
    private RunResult run(Scenario scenario, Fault fault, int index, RunResult baseline) {
        SweepDriver driver = new SweepDriver(engine, cluster(), pool, clock, STEP_TIMEOUT_SECONDS);
        ApplyingCrudDispatcher server = cluster().dispatcher();
        server.resetFaults();
        SweepFleet fleet = new SweepFleet(catalog());
        List<String> problems = new ArrayList<>();
        Drive v1 = driver.settle(fleet.rollout(STEP_TIMEOUT_SECONDS), fleet);
        if (v1.status() != RolloutStatus.SUCCEEDED) {
            problems.add("the v1 rollout ended " + v1.status() + ": " + v1.state());
        }
        List<String> v1Objects = fleet.objects(cluster().client());
        fleet.upgradeToV2(scenario == Scenario.B);
        UUID id = fleet.rollout(STEP_TIMEOUT_SECONDS);
        engineLog.clear();
        server.clearRequests();
        server.resetFaults();
        if (fault != null) {
            server.failAt(index, fault);
        }
        Drive v2 = driver.watch(id, fleet);
        server.resetFaults();
        List<RecordedCall> requests = server.log();
        List<String> sent = requests.stream().map(c -> fleet.normalize(c.method() + " " + c.path())).toList();

        if (fault != null && requests.stream().noneMatch(c -> c.fault() != null)) {
            problems.add("the fault never fired: the run made " + requests.size() + " requests");
        }
        if (v2.status() == null) {
            problems.add("stuck: not terminal after " + SweepDriver.MAX_ITERATIONS + " transitions");
        } else if (v2.status() != scenario.terminal) {
            problems.add("wrong terminal: " + v2.status() + ", expected " + scenario.terminal);
        }
        if (!v2.dips().isEmpty()) {
            problems.add(v2.dips().size() + " capacity dip(s), first: " + v2.dips().get(0));
        }
        long locks = driver.locks(id);
        if (locks != 0) {
            problems.add(locks + " row(s) left in active_rollout_deployment");
        }
        List<String> objects = fleet.objects(cluster().client());
        if (scenario == Scenario.B && !objects.equals(v1Objects)) {
            problems.add("objects are not v1's: " + objects + " instead of " + v1Objects);
        }
        if (baseline != null && !objects.equals(baseline.objects())) {
            problems.add("objects differ from the fault-free run's: " + objects + " instead of "
                    + baseline.objects());
        }
        if (baseline != null) {
            problems.addAll(sameRequestsUpToTheFault(sent, baseline.sent(), index));
        }
        problems.addAll(boundedWaiting(v2, fault));
        fleet.removeObjects(cluster().client());
        return new RunResult(scenario, fault, index, v2, objects, requests, sent, engineLog.linesOf(id), problems);
    }

    private static List<String> sameRequestsUpToTheFault(List<String> sent, List<String> baseline, int index) {
        for (int k = 0; k <= index && k < sent.size() && k < baseline.size(); k++) {
            if (!sent.get(k).equals(baseline.get(k))) {
                return List.of("request #" + k + " was " + sent.get(k) + ", in the fault-free run " + baseline.get(k)
                        + ": the fault did not hit the request it was meant for");
            }
        }
        return List.of();
    }

    private static List<String> boundedWaiting(Drive v2, Fault fault) {
        List<String> problems = new ArrayList<>();
        Duration longestAllowed = MockCluster.REQUEST_TIMEOUT.plus(SLACK);
        if (v2.longestTransition().compareTo(longestAllowed) > 0) {
            problems.add("one transition took " + seconds(v2.longestTransition()) + " s, more than "
                    + seconds(longestAllowed) + " s");
        }
        if (v2.waitedOutATimeout() > 1) {
            problems.add(v2.waitedOutATimeout() + " transitions each waited " + seconds(MockCluster.REQUEST_TIMEOUT)
                    + " s or more; one fault can cost one request timeout");
        }
        if (fault != null && fault.kind() == Fault.Kind.TIMEOUT && v2.waitedOutATimeout() != 1) {
            problems.add("the " + fault + " was waited out by " + v2.waitedOutATimeout() + " transitions, not 1");
        }
        return problems;
    }

    private SweepFleet.Catalog catalog() {
        if (catalog == null) {
            catalog = new SweepFleet.Catalog();
            cluster().breakImage(catalog.brokenImage);
        }
        return catalog;
    }

    private MockCluster cluster() {
        return clients.cluster();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** One run: what it was, how it went, what it left, and every problem found (none: a good run). */
    record RunResult(Scenario scenario, Fault fault, int index, Drive drive, List<String> objects,
            List<RecordedCall> requests, List<String> sent, List<String> logLines, List<String> problems) {

        String oneLine() {
            return "(" + scenario + ", " + fault + ", #" + index + "): " + String.join("; ", problems);
        }

        /** The state it ended (or stuck) in, the requests around the fault and the engine's log lines. */
        String details() {
            int from = Math.max(0, index - 3);
            int to = Math.min(requests.size(), index + 6);
            return "--- (" + scenario + ", " + fault + ", #" + index + ") ended in:\n" + drive.state()
                    + "\nrequests #" + from + "..#" + (to - 1) + ":\n" + requests.subList(from, to).stream()
                            .map(RecordedCall::toString).collect(Collectors.joining("\n"))
                    + "\nengine log:\n" + String.join("\n", logLines);
        }
    }

    /** Counts over one fault kind's runs, for its summary line. */
    static final class Tally {
        int runs;
        int succeeded;
        int rolledBack;
        int stuck;
        int wrongTerminal;
        int dips;
        int wrongObjects;
        int locksLeft;
        int otherProblems;
        int first = Integer.MAX_VALUE;
        int last = -1;
        Duration longest = Duration.ZERO;

        void add(RunResult r) {
            runs++;
            first = Math.min(first, r.index());
            last = Math.max(last, r.index());
            succeeded += r.drive().status() == RolloutStatus.SUCCEEDED ? 1 : 0;
            rolledBack += r.drive().status() == RolloutStatus.ROLLED_BACK ? 1 : 0;
            stuck += count(r, "stuck");
            wrongTerminal += count(r, "wrong terminal");
            dips += r.drive().dips().size();
            wrongObjects += Math.min(1, count(r, "objects"));
            locksLeft += count(r, "active_rollout_deployment");
            otherProblems += r.problems().size() - count(r, "stuck") - count(r, "wrong terminal")
                    - count(r, "capacity dip") - count(r, "objects") - count(r, "active_rollout_deployment");
            longest = r.drive().longestTransition().compareTo(longest) > 0 ? r.drive().longestTransition() : longest;
        }

        private static int count(RunResult r, String what) {
            return (int) r.problems().stream().filter(p -> p.contains(what)).count();
        }

        String summary() {
            return String.format("%d runs (indexes %d..%d), SUCCEEDED %d, ROLLED_BACK %d, stuck %d, wrong terminal"
                    + " %d, capacity dips %d, wrong objects %d, locks left %d, other problems %d, longest transition"
                    + " %.1f s", runs, runs == 0 ? 0 : first, last, succeeded, rolledBack, stuck, wrongTerminal, dips,
                    wrongObjects, locksLeft, otherProblems, seconds(longest));
        }
    }

    /** The engine's log lines, kept so that a bad run's report can quote them. */
    private static final class EngineLog extends Handler {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord e ? e.getFormattedMessage() : record.getMessage();
            lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + message);
        }

        List<String> linesOf(UUID rollout) {
            return lines.stream().filter(l -> l.contains(rollout.toString())).toList();
        }

        void clear() {
            lines.clear();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
