package io.modelfleet.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the fleet-describing gauges show, read from PostgreSQL in one pass, so every replica exports the same values.
 * Money is USD per hour. "Running" is what the {@code running_placement} rows record: a rollout writes a placement
 * when it completes that cluster (its cost is the placement's attributed cost in the plan it came from) and a
 * retirement removes it. {@code latestPlan} is null when no finished plan is stored.
 *
 * @param runningByDeployment hourly cost of what runs now, per deployment (summed over its clusters)
 * @param plannedByDeployment per deployment, its hourly cost in the newest finished plan that planned it (absent
 *                            when that plan placed it nowhere)
 * @param plansByStatus stored plans per status
 * @param rolloutsByStatus stored rollouts per status
 * @param lastPriceRefresh per region, when an AWS price refresh last wrote a price there
 * @param staleOfferings per region, offerings whose last refresh failed (they keep their last known price)
 */
public record FleetFigures(Instant readAt, SortedMap<String, Double> runningByDeployment,
        SortedMap<String, Double> plannedByDeployment, LatestPlan latestPlan,
        SortedMap<String, Long> plansByStatus, SortedMap<String, Long> rolloutsByStatus,
        SortedMap<String, Instant> lastPriceRefresh, SortedMap<String, Long> staleOfferings) {

    /** The hourly cost of everything that runs now. */
    public double runningHourlyCostUsd() {
        return runningByDeployment.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** What the fleet costs as planned: every deployment at its newest plan. */
    public double plannedHourlyCostUsd() {
        return plannedByDeployment.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The newest finished plan (OPTIMAL, FEASIBLE or INFEASIBLE) by creation time.
     *
     * @param costByDeployment the attributed hourly cost of its placements, per deployment
     * @param baselines fp32Only and singleHardware, under the API's names
     */
    public record LatestPlan(String id, Instant createdAt, String status, double totalHourlyCostUsd,
            SortedMap<String, Double> costByDeployment, int unplacedPairs, Map<String, Baseline> baselines) {
    }

    /** The same plan's fleet under a baseline restriction: its cost and the pairs it could not place. */
    public record Baseline(double totalHourlyCostUsd, int unplacedPairs) {
    }
}
