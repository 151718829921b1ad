package io.modelfleet.planning;

import io.modelfleet.planning.PlanResult.Alternative;
import io.modelfleet.planning.PlanResult.CostBasis;
import io.modelfleet.planning.PlanResult.Outcome;
import io.modelfleet.planning.solver.ClusterSolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the plan a user reads from the per-cluster solutions: placements, nodes, reasons and alternatives. */
final class PlanAssembler {

    private PlanAssembler() {
    }

    static PlanResult assemble(Planner planner, Planner.Problem problem, Map<String, ClusterSolution> solutions,
            PlanResult.Baselines baselines, long solveMillis, long baselineMillis, Deadline deadline) {
        Map<Pair, Double> attributed = new HashMap<>();
        List<PlanResult.PoolNodes> nodes = new ArrayList<>();
        long totalMicros = 0;
        long boundMicros = 0;
        boolean allOptimal = true;
        for (Map.Entry<String, ClusterSolution> entry : solutions.entrySet()) {
            ClusterSolution solution = entry.getValue();
            allOptimal &= solution.optimal();
            boundMicros += solution.lowerBoundMicros();
            for (ClusterSolution.PoolNodes pool : solution.pools()) {
                List<Candidate> onPool = solution.chosen().values().stream()
                        .filter(c -> c.pair().cluster().equals(pool.cluster())
                                && c.pool().name().equals(pool.pool().name())).toList();
                List<NodeAssignment.Node> assigned = NodeAssignment.assign(pool, onPool);
                if (assigned.isEmpty()) {
                    continue;
                }
                totalMicros += assigned.size() * pool.priceMicros();
                attribute(assigned, onPool, pool.priceMicros(), attributed);
                nodes.add(new PlanResult.PoolNodes(pool.cluster(), pool.pool().name(), pool.hardware().name(),
                        pool.pool().capacityType(), assigned.size(), Money.usd(pool.priceMicros()),
                        Money.usd(assigned.size() * pool.priceMicros()), assigned.stream().map(n -> n.replicas()
                                .entrySet().stream().map(e -> new PlanResult.NodeShare(e.getKey(), e.getValue()))
                                .toList()).toList()));
            }
        }
        List<PlanResult.Placement> placements = new ArrayList<>();
        List<PlanResult.Unplaced> unplaced = new ArrayList<>();
        List<PlanResult.PairAlternatives> alternatives = new ArrayList<>();
        int[] exactBudget = {planner.exactAlternativeBudget()};
        for (Pair pair : problem.pairs()) {
            ClusterSolution solution = solutions.get(problem.unitOf(pair.cluster()));
            Candidate chosen = solution == null ? null : solution.chosen().get(pair);
            if (chosen != null) {
                placements.add(placement(chosen, attributed.getOrDefault(pair, 0.0)));
            } else {
                unplaced.add(new PlanResult.Unplaced(pair.deploymentName(), pair.cluster(),
                        Explanations.unplacedReasons(problem, pair, Restriction.NONE, solution)));
            }
            alternatives.add(new PlanResult.PairAlternatives(pair.deploymentName(), pair.cluster(),
                    alternatives(planner, problem, pair, chosen, solution, exactBudget, deadline)));
        }
        totalMicros = Math.max(totalMicros, 0);
        long bound = Math.min(boundMicros, totalMicros);
        double gap = totalMicros == 0 ? 0 : (double) (totalMicros - bound) / totalMicros;
        int candidates = problem.options().values().stream().mapToInt(o -> (int) o.stream()
                .filter(Option::isFeasible).count()).sum();
        int solved = problem.pairs().stream().mapToInt(p -> Dominance.prune(problem.candidates(p)).size()).sum();
        List<PlanResult.QuotaUse> quotas = quotas(problem, solutions);
        unplaced = withBindingQuotas(problem, unplaced, quotas);
        return new PlanResult(Planner.status(placements, problem.pairs().size(), allOptimal), Money.usd(totalMicros),
                Money.usd(bound), Money.round(gap), placements, nodes, unplaced, alternatives, baselines, quotas,
                warnings(placements, solutions),
                new PlanResult.Stats(problem.pairs().size(), solutions.size(), candidates, solved, solveMillis,
                        baselineMillis));
    }

    /**
     * Every quota that covers a planned cluster, with the vCPUs the plan uses; it is binding when not even the
     * smallest node it covers would fit in what is left.
     */
    private static List<PlanResult.QuotaUse> quotas(Planner.Problem problem, Map<String, ClusterSolution> solutions) {
        List<PlanResult.QuotaUse> out = new ArrayList<>();
        for (String unit : problem.unitNames()) {
            ClusterSolution solution = solutions.get(unit);
            for (io.modelfleet.planning.solver.QuotaLimit limit : problem.quotaLimits(unit)) {
                io.modelfleet.planning.snapshot.Quota q = problem.snapshot().quotas().stream()
                        .filter(x -> Quotas.key(x).equals(limit.key())).findFirst().orElseThrow();
                long used = solution == null ? 0 : solution.quotaUse().getOrDefault(limit.key(), 0L);
                long smallest = limit.poolKeys().stream().mapToLong(key -> {
                    String[] parts = key.split("/", 2);
                    return problem.clusters().get(parts[0]).pools().stream().filter(p -> p.name().equals(parts[1]))
                            .mapToLong(p -> problem.hardware().get(p.hardware()).vcpus()).min().orElse(Long.MAX_VALUE);
                }).min().orElse(Long.MAX_VALUE);
                boolean binding = smallest != Long.MAX_VALUE && q.limitVcpus() - used < smallest;
                out.add(new PlanResult.QuotaUse(q.accountId(), q.region(), q.code(),
                        QuotaCodes.BY_CODE.containsKey(q.code()) ? QuotaCodes.BY_CODE.get(q.code()).name() : q.code(),
                        q.limitVcpus(), used, binding));
            }
        }
        return out;
    }

    /** A pair left out for lack of room says which quota took the room, when one did. */
    private static List<PlanResult.Unplaced> withBindingQuotas(Planner.Problem problem,
            List<PlanResult.Unplaced> unplaced, List<PlanResult.QuotaUse> quotas) {
        return unplaced.stream().map(u -> {
            var cluster = problem.clusters().get(u.cluster());
            if (cluster == null) {
                return u;
            }
            List<String> bound = quotas.stream().filter(q -> q.binding() && q.region().equals(cluster.region())
                    && java.util.Objects.equals(q.accountId(), cluster.accountId()))
                    .map(q -> q.code() + " (" + q.name() + ") in " + q.region() + ": " + q.usedVcpus() + " of "
                            + Money.round(q.limitVcpus()) + " vCPUs used").toList();
            if (bound.isEmpty()) {
                return u;
            }
            List<String> reasons = u.reasons().stream().map(r -> r.startsWith(Rule.CAPACITY.name())
                    ? r + "; binding quota " + String.join(", ", bound) : r).toList();
            return new PlanResult.Unplaced(u.deployment(), u.cluster(), reasons);
        }).toList();
    }

    /**
     * What the plan's reader must know before rolling it out: first each placement on an ESTIMATED row, in placement
     * order (design 007, B4: its capacity is a model's, not a measurement's); then one warning per stale price the
     * plan relies on, so nobody mistakes a last-known price for a live one.
     */
    private static List<PlanResult.Warning> warnings(List<PlanResult.Placement> placements,
            Map<String, ClusterSolution> solutions) {
        List<PlanResult.Warning> out = new ArrayList<>();
        for (PlanResult.Placement p : placements) {
            if (p.benchmarkSource() == io.modelfleet.catalog.domain.BenchmarkSource.ESTIMATED) {
                out.add(new PlanResult.Warning(p.deployment(), p.cluster(), PlanResult.WarningKind.ESTIMATED_BENCHMARK,
                        p.precision() + " variant " + p.variantId() + " on pool " + p.pool() + " (" + p.hardware()
                                + ") batch " + p.batchSize() + " concurrency " + p.concurrency()
                                + " is planned on an estimate: p99 " + CandidateGenerator.num(p.p99LatencyMs())
                                + " ms, " + CandidateGenerator.num(p.capacityRps()) + " rps over " + p.replicas()
                                + " replicas were not measured; measure the row before relying on them"));
            }
        }
        java.util.Set<String> stale = new java.util.TreeSet<>();
        for (ClusterSolution solution : solutions.values()) {
            for (Candidate c : solution.chosen().values()) {
                c.hardware().offering(c.region(), c.pool().capacityType())
                        .filter(io.modelfleet.planning.snapshot.Hardware.Offering::stale)
                        .ifPresent(o -> stale.add(c.hardware().name() + " " + o.capacityType() + " in "
                                + o.region() + " costs " + o.hourlyPriceUsd() + " $/h as last known"
                                + (o.priceNote() == null ? "" : " (" + o.priceNote() + ")")));
            }
        }
        stale.forEach(detail -> out.add(new PlanResult.Warning(null, null, PlanResult.WarningKind.STALE_PRICE,
                detail)));
        return List.copyOf(out);
    }

    /** Splits each node's price over its deployments by the share of the node their replicas take. */
    static void attribute(List<NodeAssignment.Node> nodes, List<Candidate> onPool, long priceMicros,
            Map<Pair, Double> attributed) {
        Map<String, Pair> pairByDeployment = new HashMap<>();
        onPool.forEach(c -> pairByDeployment.put(c.pair().deploymentName(), c.pair()));
        for (NodeAssignment.Node node : nodes) {
            double total = node.weight().values().stream().mapToDouble(Double::doubleValue).sum();
            node.weight().forEach((deployment, weight) -> attributed.merge(pairByDeployment.get(deployment),
                    Money.usd(priceMicros) * weight / total, Double::sum));
        }
    }

    private static PlanResult.Placement placement(Candidate c, double costUsd) {
        return new PlanResult.Placement(c.pair().deploymentName(), c.pair().cluster(), c.variant().id(),
                c.variant().precision(), c.hardware().name(), c.pool().name(), c.benchmark().batchSize(),
                c.replicas(), c.benchmark().p99LatencyMs(), c.capacityRps(), Money.round(costUsd),
                c.benchmark().concurrency(), c.benchmark().source());
    }

    private static List<Alternative> alternatives(Planner planner, Planner.Problem problem, Pair pair,
            Candidate chosen, ClusterSolution solution, int[] exactBudget, Deadline deadline) {
        List<Alternative> out = new ArrayList<>();
        for (Option o : problem.options().get(pair)) {
            if (!o.isFeasible()) {
                out.add(new Alternative(o.variantId(), o.precision(), o.hardware(), o.pool(), o.batchSize(),
                        o.replicas(), Outcome.REJECTED, o.rule(), o.detail(), null, null, o.concurrency(),
                        o.source()));
                continue;
            }
            Candidate c = o.candidate();
            if (c.equals(chosen)) {
                out.add(alternative(c, Outcome.CHOSEN, null, null, null, null));
            } else if (chosen == null) {
                out.add(alternative(c, Outcome.REJECTED, Rule.CAPACITY,
                        "feasible alone, but the cluster's pools cannot also hold the deployments placed there",
                        null, null));
            } else if (exactBudget[0] > 0 && !deadline.passed()) {
                exactBudget[0]--;
                out.add(exact(planner, problem, c, chosen, solution, deadline));
            } else {
                out.add(standalone(c, chosen));
            }
        }
        return out;
    }

    /** Re-solves the cluster with this candidate forced: the true extra cost, or the pairs it would displace. */
    private static Alternative exact(Planner planner, Planner.Problem problem, Candidate c, Candidate chosen,
            ClusterSolution base, Deadline deadline) {
        ClusterSolution forced = planner.solveUnit(problem, problem.unitOf(c.pair().cluster()), Restriction.NONE,
                deadline, c);
        if (forced.timedOut() || !forced.optimal()) {
            return standalone(c, chosen);
        }
        int displaced = base.chosen().size() - forced.chosen().size();
        if (displaced > 0) {
            return alternative(c, Outcome.REJECTED, Rule.CAPACITY, "with it, " + displaced
                    + " other deployment(s) on the cluster could not be placed", null, null);
        }
        double extra = Money.usd(forced.costMicros() - base.costMicros());
        if (extra < 0) {
            // Cheaper, yet not chosen: only the switch cost keeps what runs (design 006, I2).
            return alternative(c, Outcome.COSTLIER, null, "saves " + Money.round(-extra) + " $/h against keeping what"
                    + " runs, which is not more than the switch cost of " + Money.round(problem.snapshot()
                            .switchCostUsdPerHour()) + " $/h", 0.0, CostBasis.EXACT);
        }
        return alternative(c, Outcome.COSTLIER, null, null, Money.round(extra), CostBasis.EXACT);
    }

    /** The difference of dedicated-node costs: the estimate when an exact re-solve is not affordable. */
    private static Alternative standalone(Candidate c, Candidate chosen) {
        double extra = Money.usd(c.standaloneCostMicros() - chosen.standaloneCostMicros());
        return alternative(c, Outcome.COSTLIER, null, null, Money.round(Math.max(0, extra)), CostBasis.STANDALONE);
    }

    private static Alternative alternative(Candidate c, Outcome outcome, Rule rule, String reason, Double extra,
            CostBasis basis) {
        return new Alternative(c.variant().id(), c.variant().precision(), c.hardware().name(), c.pool().name(),
                c.benchmark().batchSize(), c.replicas(), outcome, rule, reason, extra, basis,
                c.benchmark().concurrency(), c.benchmark().source());
    }
}
