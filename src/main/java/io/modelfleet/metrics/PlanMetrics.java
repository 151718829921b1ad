package io.modelfleet.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelfleet.planning.PlanResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Plans computed by this replica: {@code modelfleet_plan_solve_duration_seconds}, a histogram of the planner's own
 * solve time ({@code stats.solveMillis}: the placement solve, without the baselines) labelled by the plan's status.
 * Its {@code _count} is the number of plans this replica computed, by status.
 */
// Created at start, so its zero series are there before the first event (rate() needs a starting point).
@io.quarkus.runtime.Startup
@ApplicationScoped
public class PlanMetrics {

    /** Bucket bounds: the default time limit is 10 s, the most a request may ask 120 s. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final MeterRegistry registry;

    public PlanMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (PlanResult.PlanStatus status : PlanResult.PlanStatus.values()) {
            timer(status);
        }
    }

    /** Records one computed plan. */
    public void solved(PlanResult result) {
        timer(result.status()).record(Duration.ofMillis(result.stats().solveMillis()));
    }

    private Timer timer(PlanResult.PlanStatus status) {
        return Timer.builder("modelfleet.plan.solve.duration")
                .description("The planner's solve time of plans this replica computed, by plan status")
                .tag("status", status.name()).serviceLevelObjectives(BUCKETS).register(registry);
    }
}
