package io.modelfleet.placement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** I9: when the loop may start a rollout by itself, and how many replicas it may disrupt at once. */
class BudgetGateTest {

    private static final Instant NOON = Instant.parse("2026-12-03T12:00:00Z");
    private static final Instant NIGHT = Instant.parse("2026-12-03T02:30:00Z");
    private static final MaintenanceWindow NIGHTLY = new MaintenanceWindow("0 2 * * *", Duration.ofHours(2));

    @Test
    @DisplayName("I9: NEVER never starts a rollout by itself, even inside the window with nothing running")
    void neverNeverStarts() {
        DisruptionBudget never = new DisruptionBudget(AutoRollout.NEVER, 100, NIGHTLY);
        assertEquals(new BudgetGate.Decision(false,
                "autoRollout is NEVER: nothing rolls out by itself; an accept rolls out at once", null),
                BudgetGate.decide(never, NIGHT, 0, 1));
        assertEquals(AutoRollout.NEVER, DisruptionBudget.DEFAULT.autoRollout());
    }

    @Test
    @DisplayName("I9: WITHIN_BUDGET inside the window with fewer rollouts than the fleet-wide maximum starts now")
    void withinBudgetStarts() {
        DisruptionBudget budget = new DisruptionBudget(AutoRollout.WITHIN_BUDGET, 25, NIGHTLY);
        assertEquals(new BudgetGate.Decision(true, "within budget: 0 rollouts run fleet-wide (at most 1), inside "
                + "the maintenance window '0 2 * * *' (2h)", NIGHT), BudgetGate.decide(budget, NIGHT, 0, 1));
        DisruptionBudget anyTime = new DisruptionBudget(AutoRollout.WITHIN_BUDGET, 100, null);
        assertEquals(new BudgetGate.Decision(true, "within budget: 1 rollout runs fleet-wide (at most 2), "
                + "no maintenance window", NOON), BudgetGate.decide(anyTime, NOON, 1, 2));
    }

    @Test
    @DisplayName("I9: outside the window the gate refuses and names the next opening")
    void outsideTheWindow() {
        DisruptionBudget budget = new DisruptionBudget(AutoRollout.WITHIN_BUDGET, 100, NIGHTLY);
        assertEquals(new BudgetGate.Decision(false, "outside the maintenance window '0 2 * * *' (2h); it next opens "
                + "at 2026-12-04T02:00:00Z", Instant.parse("2026-12-04T02:00:00Z")),
                BudgetGate.decide(budget, NOON, 0, 1));
    }

    @Test
    @DisplayName("I9: with maxConcurrent rollouts running fleet-wide the gate refuses; when is unknown")
    void fleetFull() {
        DisruptionBudget anyTime = new DisruptionBudget(AutoRollout.WITHIN_BUDGET, 100, null);
        assertEquals(new BudgetGate.Decision(false, "1 rollout runs fleet-wide (at most 1)", null),
                BudgetGate.decide(anyTime, NOON, 1, 1));
        DisruptionBudget budget = new DisruptionBudget(AutoRollout.WITHIN_BUDGET, 100, NIGHTLY);
        assertEquals(new BudgetGate.Decision(false, "3 rollouts run fleet-wide (at most 2); outside the maintenance "
                + "window '0 2 * * *' (2h); it next opens at 2026-12-04T02:00:00Z", null),
                BudgetGate.decide(budget, NOON, 3, 2));
    }

    @Test
    @DisplayName("I9: a batch is max(1, floor(replicas x percent / 100))")
    void batchSize() {
        assertEquals(1, BudgetGate.batchSize(4, 25));
        assertEquals(4, BudgetGate.batchSize(4, 100));
        assertEquals(2, BudgetGate.batchSize(10, 25));
        assertEquals(3, BudgetGate.batchSize(7, 50));
        assertEquals(1, BudgetGate.batchSize(3, 10));
        assertEquals(1, BudgetGate.batchSize(0, 50));
        assertEquals(990_000_000, BudgetGate.batchSize(1_000_000_000, 99)); // no int overflow in replicas x percent
    }

    @Test
    @DisplayName("I9: a percentage outside 1..100 is refused")
    void percentOutOfRange() {
        assertEquals("maxDisruptedPercent must be between 1 and 100, was 0",
                assertThrows(IllegalArgumentException.class, () -> BudgetGate.batchSize(4, 0)).getMessage());
        assertEquals("maxDisruptedPercent must be between 1 and 100, was 101",
                assertThrows(IllegalArgumentException.class,
                        () -> new DisruptionBudget(AutoRollout.WITHIN_BUDGET, 101, null)).getMessage());
    }
}
