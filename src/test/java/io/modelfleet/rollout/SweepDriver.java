package io.modelfleet.rollout;

import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.mock.MockCluster;
import io.modelfleet.testing.OffsetClock;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Drives one rollout of the fault sweep to its end with the engine, as its scheduler would (the scheduler is off in
 * tests), with a test controller pass after every drive. Time only moves when the test moves it: a retry's backoff is
 * stepped over as soon as a step waits for it, and when the stored rollout shows no change for
 * {@value #STILL_PASSES} passes (a gate waiting for pods that never become ready) the clock is stepped past the step
 * timeout, which also lets the lease lapse, so the rollout is claimed again.
 */
final class SweepDriver {

    static final int MAX_ITERATIONS = 300;
    static final int STILL_PASSES = 3;

    /**
     * How a rollout was driven: its terminal status (null: not terminal after {@link #MAX_ITERATIONS}), the stored
     * state it ended in, every capacity dip, the capacity states it went through (consecutive repeats dropped), and
     * how long its transitions took (the longest, all together, how many waited a request timeout or more).
     */
    record Drive(RolloutStatus status, String state, List<String> dips, List<String> trace, int iterations,
            Duration longestTransition, Duration driving, int waitedOutATimeout) {
    }

    /** The stored rollout as the loop needs it: status, a fingerprint of every step, the latest retry time. */
    private record Progress(RolloutStatus status, String fingerprint, Instant retryAt) {
    }

    private final RolloutEngine engine;
    private final MockCluster cluster;
    private final Pool pool;
    private final OffsetClock clock;
    private final int stepTimeoutSeconds;

    SweepDriver(RolloutEngine engine, MockCluster cluster, Pool pool, OffsetClock clock, int stepTimeoutSeconds) {
        this.engine = engine;
        this.cluster = cluster;
        this.pool = pool;
        this.clock = clock;
        this.stepTimeoutSeconds = stepTimeoutSeconds;
    }

    /** Set-up: as many transitions per drive as the rollout can make, nothing sampled. */
    Drive settle(UUID id, SweepFleet fleet) {
        return run(id, fleet, 50, false);
    }

    /** One transition per drive; capacity sampled after every transition and every controller pass. */
    Drive watch(UUID id, SweepFleet fleet) {
        return run(id, fleet, 1, true);
    }

    private Drive run(UUID id, SweepFleet fleet, int transitionsPerDrive, boolean sampling) {
        List<String> dips = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        Duration longest = Duration.ZERO;
        Duration driving = Duration.ZERO;
        int slow = 0;
        String last = "";
        int still = 0;
        engine.claim();
        for (int i = 1; i <= MAX_ITERATIONS; i++) {
            long started = System.nanoTime();
            engine.drive(id, transitionsPerDrive);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            driving = driving.plus(took);
            longest = took.compareTo(longest) > 0 ? took : longest;
            slow += took.compareTo(MockCluster.REQUEST_TIMEOUT) >= 0 ? 1 : 0;
            if (sampling) {
                sample(fleet, "after transition " + i + " (from state: " + compact(last) + ")", dips, trace);
            }
            cluster.reconcile();
            Progress p = progress(id);
            if (sampling) {
                sample(fleet, "after the controller pass following transition " + i + " (state: "
                        + compact(p.fingerprint()) + ")", dips, trace);
            }
            if (p.status().terminal()) {
                return new Drive(p.status(), p.fingerprint(), dips, trace, i, longest, driving, slow);
            }
            Instant now = clock.instant();
            if (p.retryAt() != null && p.retryAt().isAfter(now)) {
                clock.step(Duration.between(now, p.retryAt()).plusMillis(1));
                last = p.fingerprint();
                still = 0;
                continue;
            }
            if (p.fingerprint().equals(last)) {
                still++;
            } else {
                last = p.fingerprint();
                still = 0;
            }
            if (still >= STILL_PASSES) {
                clock.step(Duration.ofSeconds(stepTimeoutSeconds + 1));
                engine.claim();
                still = 0;
            }
        }
        return new Drive(null, progress(id).fingerprint(), dips, trace, MAX_ITERATIONS, longest, driving, slow);
    }

    /** Capacity of each deployment now against demand x (1 + headroom); dips and new states are recorded. */
    private void sample(SweepFleet fleet, String when, List<String> dips, List<String> trace) {
        Map<String, Double> capacity = fleet.capacity(cluster.pods(fleet.namespace));
        for (String deployment : List.of(fleet.a, fleet.b)) {
            double serving = capacity.get(deployment);
            if (serving < fleet.need(deployment)) {
                dips.add(when + ": " + fleet.normalize(deployment) + " served " + serving + " rps, needs "
                        + fleet.need(deployment) + "; pods " + fleet.normalize(cluster.pods(fleet.namespace).stream()
                                .map(p -> p.workload() + (p.available() ? " up" : " down")).toList().toString()));
            }
        }
        if (capacity.containsKey("?")) {
            dips.add(when + ": an available pod runs a variant the catalog does not have");
        }
        String state = "A=" + Math.round(capacity.get(fleet.a)) + " B=" + Math.round(capacity.get(fleet.b));
        if (trace.isEmpty() || !trace.get(trace.size() - 1).equals(state)) {
            trace.add(state);
        }
    }

    private Progress progress(UUID id) {
        Row row = pool.preparedQuery("SELECT r.status,"
                + " (SELECT string_agg(c.cluster || ' ' || c.status, ', ') FROM rollout_cluster c"
                + " WHERE c.rollout_id = r.id) AS clusters,"
                + " (SELECT string_agg(s.position || ' ' || s.action || ' ' || s.status || ' attempts=' || s.attempts"
                + " || ' ' || coalesce(s.reason, ''), E'\\n' ORDER BY s.position) FROM rollout_step s"
                + " JOIN rollout_cluster c ON c.id = s.rollout_cluster_id WHERE c.rollout_id = r.id) AS steps,"
                + " (SELECT max(s.next_attempt_at) FROM rollout_step s JOIN rollout_cluster c"
                + " ON c.id = s.rollout_cluster_id WHERE c.rollout_id = r.id) AS retry_at"
                + " FROM rollout r WHERE r.id = $1").execute(Tuple.of(id)).await().indefinitely().iterator().next();
        OffsetDateTime retry = row.getOffsetDateTime("retry_at");
        return new Progress(RolloutStatus.valueOf(row.getString("status")), row.getString("status") + "; "
                + row.getString("clusters") + "\n" + row.getString("steps"), retry == null ? null : retry.toInstant());
    }

    /** Rows left in active_rollout_deployment for the rollout. */
    long locks(UUID id) {
        return pool.preparedQuery("SELECT count(*) FROM active_rollout_deployment WHERE rollout_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    /** Step positions and statuses only, for a dip's one line. */
    private static String compact(String fingerprint) {
        return fingerprint.lines().map(l -> l.split(" attempts=")[0]).collect(Collectors.joining("; "));
    }
}
