package io.modelfleet.planning;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import java.util.List;
import java.util.Map;

/**
 * A computed plan, immutable, in the API's field names (DESIGN.md "Planning contract"). Money is USD per hour;
 * {@code gap} is (cost - lowerBound) / cost, 0 when proven optimal.
 */
public record PlanResult(PlanStatus status, double totalHourlyCostUsd, double lowerBoundUsd, double gap,
        List<Placement> placements, List<PoolNodes> nodes, List<Unplaced> unplaced,
        List<PairAlternatives> alternatives, Baselines baselines, List<QuotaUse> quotas, List<Warning> warnings,
        Stats stats) {

    public enum PlanStatus { OPTIMAL, FEASIBLE, INFEASIBLE }

    /**
     * A pair placed on one operating point of its variant: {@code batchSize} at {@code concurrency} requests in
     * flight, whose figures come from {@code benchmarkSource} (null only in plans stored before it was recorded).
     */
    public record Placement(String deployment, String cluster, String variantId, Precision precision,
            String hardware, String pool, int batchSize, int replicas, double p99LatencyMs, double capacityRps,
            double hourlyCostUsd, int concurrency, BenchmarkSource benchmarkSource) {

        /** A placement on a measured row at one request in flight. */
        public Placement(String deployment, String cluster, String variantId, Precision precision, String hardware,
                String pool, int batchSize, int replicas, double p99LatencyMs, double capacityRps,
                double hourlyCostUsd) {
            this(deployment, cluster, variantId, precision, hardware, pool, batchSize, replicas, p99LatencyMs,
                    capacityRps, hourlyCostUsd, 1, BenchmarkSource.MEASURED);
        }
    }

    /**
     * Something a reader of the plan must know before acting on it. {@code deployment} and {@code cluster} name the
     * pair it concerns (both null for a warning about an offering, which may concern several pairs).
     */
    public record Warning(String deployment, String cluster, WarningKind kind, String detail) {
    }

    public enum WarningKind {
        /** A placement uses an ESTIMATED benchmark row (design 007, B4): its capacity was not measured. */
        ESTIMATED_BENCHMARK,
        /** A price the plan relies on is the last known one: its refresh failed. */
        STALE_PRICE
    }

    /** A pool's nodes; perNode lists, node by node, which deployments' replicas sit on it. */
    public record PoolNodes(String cluster, String pool, String hardware, CapacityType capacityType, int count,
            double hourlyPriceUsd, double hourlyCostUsd, List<List<NodeShare>> perNode) {
    }

    public record NodeShare(String deployment, int replicas) {
    }

    public record Unplaced(String deployment, String cluster, List<String> reasons) {
    }

    public record PairAlternatives(String deployment, String cluster, List<Alternative> options) {
    }

    /**
     * One option of a pair. outcome CHOSEN, COSTLIER (feasible; {@code extraHourlyCostUsd} is what the whole
     * cluster would cost more with it, re-solved exactly when {@code costBasis} is EXACT, or the difference of
     * dedicated-node costs when STANDALONE), or REJECTED with the {@code rule} and a {@code reason}.
     * {@code batchSize}, {@code concurrency} and {@code benchmarkSource} are its row's (null when it was rejected
     * before a row was read, and concurrency and source in plans stored before they were recorded).
     */
    public record Alternative(String variantId, Precision precision, String hardware, String pool, Integer batchSize,
            Integer replicas, Outcome outcome, Rule rule, String reason, Double extraHourlyCostUsd,
            CostBasis costBasis, Integer concurrency, BenchmarkSource benchmarkSource) {
    }

    public enum Outcome { CHOSEN, COSTLIER, REJECTED }

    public enum CostBasis { EXACT, STANDALONE }

    public record Baselines(Baseline fp32Only, Baseline singleHardware) {
    }

    /**
     * The same fleet under a restriction; {@code hardwareByCluster} says which hardware single-hardware kept.
     * {@code partial} (null when complete) is true when the plan's deadline cut some of its solves, and
     * {@code reason} says how many: its cost then covers only the units solved.
     */
    public record Baseline(double totalHourlyCostUsd, List<Unplaced> unplaced, Map<String, String> hardwareByCluster,
            Boolean partial, String reason) {

        public Baseline(double totalHourlyCostUsd, List<Unplaced> unplaced, Map<String, String> hardwareByCluster) {
            this(totalHourlyCostUsd, unplaced, hardwareByCluster, null, null);
        }
    }

    /** A service quota the plan had to respect: how much of it the plan uses, and whether it bound the plan. */
    public record QuotaUse(String accountId, String region, String code, String name, double limitVcpus,
            long usedVcpus, boolean binding) {
    }

    public record Stats(int pairs, int clusters, int candidates, int candidatesSolved, long solveMillis,
            long baselineMillis) {
    }
}
