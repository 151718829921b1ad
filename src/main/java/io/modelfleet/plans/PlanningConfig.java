package io.modelfleet.plans;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

/**
 * How plans are solved ({@code modelfleet.planning.*}). It lives here, not in {@code io.modelfleet.planning},
 * because the planner stays free of Quarkus: these values are passed into it.
 */
@ConfigMapping(prefix = "modelfleet.planning")
public interface PlanningConfig {

    /** The solver's wall-clock budget for a plan request that gives no {@code timeLimitSeconds}, in seconds. */
    @WithDefault("10")
    double defaultTimeLimitSeconds();

    /** The most {@code timeLimitSeconds} a plan request may ask for, in seconds. */
    @WithDefault("120")
    double maxTimeLimitSeconds();

    /**
     * How many alternatives per plan get their extra cost from an exact re-solve; the rest are priced as the
     * difference of dedicated-node costs.
     */
    @WithDefault("200")
    int exactAlternatives();

    /**
     * What moving one (deployment, cluster) away from what it runs costs in the planner's objective, in USD per
     * hour (design 006, I2): a move must save more than this, so ties and tiny savings never cause a change.
     */
    @WithDefault("0.01")
    double switchCostUsdPerHour();

    /** Threads solving clusters in parallel; unset: one per available processor. */
    OptionalInt threads();
}
