package io.modelfleet.placement.domain;

/**
 * Whether the placement loop may start a deployment's rollouts by itself. NEVER: nothing starts by itself, and a
 * person's accept rolls out at once. WITHIN_BUDGET: the loop starts the rollout of an OPEN or ACCEPTED
 * recommendation when {@link BudgetGate} allows it (design 006, I9).
 */
public enum AutoRollout {
    NEVER,
    WITHIN_BUDGET
}
