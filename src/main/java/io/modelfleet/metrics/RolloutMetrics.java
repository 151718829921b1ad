package io.modelfleet.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelfleet.analysis.domain.Check;
import io.modelfleet.analysis.domain.Measurement;
import io.modelfleet.analysis.domain.Verdict;
import io.modelfleet.rollout.engine.Outcome;
import io.modelfleet.rollout.engine.ReasonCode;
import io.modelfleet.rollout.engine.RolloutState;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events of the rollouts this replica drives, counted from each committed outcome (one call per commit, from
 * {@code RolloutEngine}): cluster rollbacks by reason code, analysis measurements by check and verdict, and step
 * durations. Only the lease holder commits a rollout's transitions, so summing the replicas counts every event once.
 *
 * <p>A step's duration runs from the commit that moves it out of PENDING to the one that makes it DONE or FAILED, on
 * the engine's clock. The start is remembered in memory: a step begun by another replica (a lease that changed hands,
 * a restart) has no known start and is not observed, rather than observed wrong.
 */
// Created at start, so its zero series are there before the first event.
@io.quarkus.runtime.Startup
@ApplicationScoped
public class RolloutMetrics {

    /** The analysis checks (analysis.domain.Check); anything else is counted as "other" so labels stay bounded. */
    private static final Set<String> CHECKS = Set.of(Check.P99, Check.ERROR_RATIO, Check.REQUESTS, Check.AVAILABILITY);
    private static final String OTHER_CHECK = "other";
    private static final String UNKNOWN_REASON = "UNKNOWN";
    /** Steps in flight on one replica are far fewer; the bound only guards against a leak of never-ended steps. */
    private static final int MAX_STARTED = 10_000;
    private static final Duration[] STEP_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1)};

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RolloutMetrics.class);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Long, Instant> started = new ConcurrentHashMap<>();

    public RolloutMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        preRegister();
    }

    /**
     * Every series of the closed label sets exists at 0 from the start: a counter that first appears at 1 has no
     * earlier sample, so increase() and rate() would never see the first rollback after a restart.
     */
    private void preRegister() {
        for (ReasonCode reason : ReasonCode.values()) {
            rollbacks(reason.name());
        }
        rollbacks(UNKNOWN_REASON);
        for (String check : CHECKS) {
            for (Verdict verdict : Verdict.values()) {
                measurements(check, verdict.name());
            }
        }
        for (Verdict verdict : Verdict.values()) {
            measurements(OTHER_CHECK, verdict.name());
        }
        for (StepAction action : StepAction.values()) {
            for (StepStatus end : List.of(StepStatus.DONE, StepStatus.FAILED)) {
                stepTimer(action.name(), end.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /** Counts what a committed outcome did to the rollout it was decided on. */
    public void committed(RolloutState before, Outcome outcome) {
        try {
            count(before, outcome);
        } catch (RuntimeException e) {
            // Counting never stops a rollout: the transition is already committed.
            LOG.warnf(e, "rollout=%s counting a committed transition for /q/metrics failed", before.id());
        }
    }

    private void count(RolloutState before, Outcome outcome) {
        Instant now = clock.instant();
        Map<Long, RolloutState.StepState> steps = new HashMap<>();
        Map<Long, RolloutState.ClusterState> clusters = new HashMap<>();
        for (RolloutState.ClusterState c : before.clusters()) {
            clusters.put(c.id(), c);
            c.steps().forEach(s -> steps.put(s.id(), s));
        }
        outcome.stepChanges().forEach((id, columns) -> step(steps.get(id), columns.get("status"), now));
        outcome.clusterChanges().forEach((id, columns) -> cluster(clusters.get(id), columns));
        for (Outcome.MeasurementRow row : outcome.measurementRows()) {
            measured(row.measurement());
        }
    }

    private void step(RolloutState.StepState before, Object status, Instant now) {
        if (before == null || status == null || before.status().name().equals(status)) {
            return;
        }
        if (before.status() == StepStatus.PENDING) {
            if (started.size() >= MAX_STARTED) {
                started.clear();
            }
            started.put(before.id(), now);
        }
        boolean ended = StepStatus.DONE.name().equals(status) || StepStatus.FAILED.name().equals(status);
        if (ended) {
            Instant start = started.remove(before.id());
            if (start != null) {
                stepTimer(before.action().name(), status.toString().toLowerCase(java.util.Locale.ROOT))
                        .record(Duration.between(start, now));
            }
        }
    }

    private void cluster(RolloutState.ClusterState before, Map<String, Object> columns) {
        if (before != null && before.status() != ClusterStatus.ROLLING_BACK
                && ClusterStatus.ROLLING_BACK.name().equals(columns.get("status"))) {
            Object reason = columns.get("reason_code");
            rollbacks(reason == null ? UNKNOWN_REASON : reason.toString()).increment();
        }
    }

    private void measured(Measurement m) {
        measurements(CHECKS.contains(m.check()) ? m.check() : OTHER_CHECK, m.verdict().name()).increment();
    }

    Counter rollbacks(String reason) {
        return Counter.builder("modelfleet.rollbacks")
                .description("Cluster rollbacks this replica started, by reason code (ReasonCode)")
                .tag("reason", reason).register(registry);
    }

    Counter measurements(String check, String verdict) {
        return Counter.builder("modelfleet.analysis.measurements")
                .description("Analysis measurements this replica committed, one per check, by check and verdict")
                .tag("check", check).tag("verdict", verdict).register(registry);
    }

    Timer stepTimer(String action, String status) {
        return Timer.builder("modelfleet.rollout.step.duration")
                .description("How long rollout steps took from leaving PENDING to DONE or FAILED, by action")
                .tag("action", action).tag("status", status).serviceLevelObjectives(STEP_BUCKETS)
                .register(registry);
    }
}
