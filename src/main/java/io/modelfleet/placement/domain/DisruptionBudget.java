package io.modelfleet.placement.domain;

/**
 * How much a rollout may disrupt one deployment: whether the loop starts rollouts by itself, at most what
 * percentage of the deployment's replicas is disrupted at once (1..100), and when ({@code maintenanceWindow}
 * null: any time).
 */
public record DisruptionBudget(AutoRollout autoRollout, int maxDisruptedPercent,
        MaintenanceWindow maintenanceWindow) {

    public static final int DEFAULT_MAX_DISRUPTED_PERCENT = 100;
    /** What a deployment that says nothing gets: nothing starts by itself, no cap, any time. */
    public static final DisruptionBudget DEFAULT =
            new DisruptionBudget(AutoRollout.NEVER, DEFAULT_MAX_DISRUPTED_PERCENT, null);

    public DisruptionBudget {
        if (autoRollout == null) {
            throw new IllegalArgumentException("autoRollout must be given");
        }
        BudgetGate.requirePercent(maxDisruptedPercent);
    }
}
