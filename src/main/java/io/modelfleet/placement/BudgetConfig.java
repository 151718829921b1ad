package io.modelfleet.placement;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Fleet-wide disruption budget ({@code modelfleet.budgets.*}; design 006, I9). */
@ConfigMapping(prefix = "modelfleet.budgets")
public interface BudgetConfig {

    /**
     * How many rollouts may run fleet-wide before the placement loop starts no more by itself (rollouts that have
     * not ended, whoever started them, count). 0 stops every automatic rollout; a person's accept is not limited.
     */
    @WithDefault("1")
    int maxConcurrentRollouts();
}
