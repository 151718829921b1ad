package io.modelfleet.placement;

import io.modelfleet.placement.domain.Thresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The continuous-placement loop and its recommendations ({@code modelfleet.placement.*}, design 006). */
@ConfigMapping(prefix = "modelfleet.placement")
public interface PlacementConfig {

    /** Whether this replica runs the loop at all (the test profile turns it off and calls it). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often the loop looks whether an evaluation is due. Read by the scheduler through
     * {@code ${modelfleet.placement.tick}}; declared here so it is typed and documented with the rest.
     */
    @WithDefault("10s")
    Duration tick();

    /** The longest time between two evaluations of the fleet. */
    @WithDefault("5m")
    Duration interval();

    /** The shortest time between two evaluations that events (triggers) ask for. */
    @WithDefault("10s")
    Duration minGap();

    /** How long the evaluator's lease lasts without being renewed; another replica takes over after it. */
    @WithDefault("30s")
    Duration lease();

    /** The planner's wall-clock budget for one evaluation of the whole fleet. */
    @WithDefault("30s")
    Duration timeLimit();

    /** Identity that holds the lease: the pod name in Kubernetes; unset or blank: a random id. */
    Optional<String> instanceId();

    /** A move is recommended only when it saves at least this, in USD per hour (I4). */
    @WithDefault("0.05")
    double minSavingsUsdPerHour();

    /** ... and at least this fraction of the deployment's current hourly cost (I4). */
    @WithDefault("0.10")
    double minSavingsFraction();

    /** ... and its score (savings fraction / share of replicas replaced) is at least this (I4). */
    @WithDefault("0.2")
    double minScore();

    /** Consecutive evaluations that must make the same proposal before it opens (I4). */
    @WithDefault("3")
    int stabilizationEvaluations();

    /** The least time those evaluations must span before it opens (I4). */
    @WithDefault("15m")
    Duration stabilizationWindow();

    default Thresholds thresholds() {
        return new Thresholds(minSavingsUsdPerHour(), minSavingsFraction(), minScore(), stabilizationEvaluations(),
                stabilizationWindow());
    }
}
