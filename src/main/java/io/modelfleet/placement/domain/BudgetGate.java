package io.modelfleet.placement.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the placement loop may start a deployment's rollout now (design 006, I9): only for
 * {@link AutoRollout#WITHIN_BUDGET}, only while fewer than {@code maxConcurrent} rollouts run fleet-wide, and only
 * inside the deployment's maintenance window (none: any time). Every refusal says why in words.
 */
public final class BudgetGate {

    /**
     * The answer; {@code nextChance} is when to ask again (now when allowed, the window's next opening when only
     * the window refused, null when a running rollout must end first: nobody knows when).
     */
    public record Decision(boolean allowed, String reason, Instant nextChance) {
    }

    private BudgetGate() {
    }

    public static Decision decide(DisruptionBudget budget, Instant now, int rolloutsRunning, int maxConcurrent) {
        if (budget.autoRollout() == AutoRollout.NEVER) {
            return new Decision(false, "autoRollout is NEVER: nothing rolls out by itself; an accept rolls out at once",
                    null);
        }
        List<String> refusals = new ArrayList<>();
        boolean fleetFull = rolloutsRunning >= maxConcurrent;
        if (fleetFull) {
            refusals.add(running(rolloutsRunning) + " fleet-wide (at most " + maxConcurrent + ")");
        }
        MaintenanceWindow window = budget.maintenanceWindow();
        Instant nextOpening = null;
        if (window != null && !window.isOpen(now)) {
            nextOpening = window.nextOpening(now);
            refusals.add("outside the maintenance window " + window + "; it next opens at " + nextOpening);
        }
        if (!refusals.isEmpty()) {
            return new Decision(false, String.join("; ", refusals), fleetFull ? null : nextOpening);
        }
        return new Decision(true, "within budget: " + running(rolloutsRunning) + " fleet-wide (at most "
                + maxConcurrent + "), " + (window == null ? "no maintenance window" : "inside the maintenance window "
                + window), now);
    }

    /**
     * Replicas a rollout may disrupt at once: max(1, floor(replicas x percent / 100)), so that even a small
     * percentage of a small deployment lets the rollout move.
     */
    public static int batchSize(int replicas, int maxDisruptedPercent) {
        requirePercent(maxDisruptedPercent);
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative, was " + replicas);
        }
        return Math.max(1, (int) ((long) replicas * maxDisruptedPercent / 100));
    }

    static void requirePercent(int maxDisruptedPercent) {
        if (maxDisruptedPercent < 1 || maxDisruptedPercent > 100) {
            throw new IllegalArgumentException("maxDisruptedPercent must be between 1 and 100, was "
                    + maxDisruptedPercent);
        }
    }

    private static String running(int rollouts) {
        return rollouts + (rollouts == 1 ? " rollout runs" : " rollouts run");
    }
}
