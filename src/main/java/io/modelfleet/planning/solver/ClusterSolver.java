package io.modelfleet.planning.solver;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import com.google.ortools.sat.CpSolverSolutionCallback;
import io.modelfleet.planning.Candidate;
import io.modelfleet.planning.Deadline;
import io.modelfleet.planning.Pair;
import io.modelfleet.planning.PlanningBounds;
import io.modelfleet.planning.snapshot.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Solves one cluster exactly with CP-SAT: pick at most one candidate per pair, pack the chosen replicas onto
 * whole nodes of each pool, and minimise (unplaced pairs) x BIG + hourly cost, where BIG exceeds any possible
 * cost so placing one more pair always wins. Packing uses maximal node patterns per pool, falling back to an
 * explicit node-by-node model when a pool has too many patterns. Single-threaded with a fixed seed: the same
 * input gives the same answer.
 */
public final class ClusterSolver {

    public static final int PATTERN_LIMIT = 2_000;

    private ClusterSolver() {
    }

    public static ClusterSolution solve(List<Pair> pairs, Map<Pair, List<Candidate>> candidates, double seconds) {
        return solve(pairs, candidates, seconds, PATTERN_LIMIT, List.of());
    }

    /** As {@link #solve(List, Map, double)}; a pool with more than {@code patternLimit} patterns uses the node model. */
    public static ClusterSolution solve(List<Pair> pairs, Map<Pair, List<Candidate>> candidates, double seconds,
            int patternLimit) {
        return solve(pairs, candidates, seconds, patternLimit, List.of());
    }

    /**
     * Solves pairs of one or more clusters together; each quota limits the vCPUs of the nodes of the pools it
     * covers (pool keys {@code cluster/pool}), which is what couples clusters of one account and region.
     */
    public static ClusterSolution solve(List<Pair> pairs, Map<Pair, List<Candidate>> candidates, double seconds,
            int patternLimit, List<QuotaLimit> quotas) {
        return solve(pairs, candidates, seconds, patternLimit, quotas, null);
    }

    /**
     * As above, stopped early when {@code deadline} (optional) is cancelled: the search ends within moments and
     * the best solution found so far is kept (not proven optimal), or the pairs count as timed out if none was.
     */
    public static ClusterSolution solve(List<Pair> pairs, Map<Pair, List<Candidate>> candidates, double seconds,
            int patternLimit, List<QuotaLimit> quotas, Deadline deadline) {
        return solve(pairs, candidates, seconds, patternLimit, quotas, deadline, SwitchCost.NONE);
    }

    /**
     * As above, with a switch cost (design 006, I2): every choice of a running pair other than keeping what it
     * runs, and leaving it unplaced, adds {@code switchCost.micros()} to the objective, so a move must save more
     * than that to be made. The solver is hinted with the running choices. The cost reported stays the nodes'
     * alone; the bound is lowered by the most the switch costs could add, so it still bounds that cost.
     */
    public static ClusterSolution solve(List<Pair> pairs, Map<Pair, List<Candidate>> candidates, double seconds,
            int patternLimit, List<QuotaLimit> quotas, Deadline deadline, SwitchCost switchCost) {
        List<PoolModel> pools = pools(pairs, candidates, patternLimit);
        if (pools.isEmpty()) {
            return ClusterSolution.nothingPlaced(pairs);
        }
        long big;
        long switchTotal;
        try {
            switchTotal = switchCost.total(pairs);
            big = Objectives.big(pools.stream().mapToLong(p -> p.priceMicros).toArray(),
                    pools.stream().mapToLong(p -> p.nodeBound).toArray(), pairs.size(), switchTotal);
        } catch (ArithmeticException e) {
            return ClusterSolution.refused(pairs.size() + " pairs over " + pools.size() + " pools make an objective"
                    + " beyond 64 bits (" + e.getMessage() + "); plan fewer deployments at once or split the pools");
        }
        CpModel model = new CpModel();
        Map<Candidate, BoolVar> chosen = new LinkedHashMap<>();
        LinearExprBuilder objective = LinearExpr.newBuilder();
        List<BoolVar> unplaced = new ArrayList<>();
        for (Pair pair : pairs) {
            List<Literal> choices = new ArrayList<>();
            boolean pays = switchCost.applies(pair);
            List<Candidate> options = candidates.getOrDefault(pair, List.of());
            // The hint is what runs, at its batch size when that is still an option: the incumbent to beat.
            Candidate hint = options.stream().filter(switchCost::runsExactly).findFirst()
                    .orElse(options.stream().filter(switchCost::keeps).findFirst().orElse(null));
            for (Candidate c : options) {
                BoolVar z = model.newBoolVar("z");
                chosen.put(c, z);
                choices.add(z);
                if (pays && !switchCost.keeps(c)) {
                    objective.addTerm(z, switchCost.micros());
                }
                if (pays && c == hint) {
                    model.addHint(z, 1);
                }
            }
            BoolVar none = model.newBoolVar("u");
            choices.add(none);
            unplaced.add(none);
            model.addExactlyOne(choices);
            objective.addTerm(none, pays ? Math.addExact(big, switchCost.micros()) : big);
        }
        for (PoolModel pool : pools) {
            pool.build(model, chosen, objective);
        }
        for (QuotaLimit quota : quotas) {
            LinearExprBuilder vcpus = LinearExpr.newBuilder();
            pools.stream().filter(p -> quota.poolKeys().contains(p.key()))
                    .forEach(p -> vcpus.addTerm(p.count(), p.vcpusPerNode()));
            model.addLessOrEqual(vcpus, quota.limitVcpus());
        }
        model.minimize(objective);

        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(1).setRandomSeed(7).setMaxTimeInSeconds(Math.max(0.01, seconds))
                .setLogSearchProgress(false);
        CpSolverStatus status = solveStoppable(solver, model, deadline);
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return ClusterSolution.timedOut(pairs);
        }
        Map<Pair, Candidate> picked = new LinkedHashMap<>();
        chosen.forEach((candidate, z) -> {
            if (solver.booleanValue(z)) {
                picked.put(candidate.pair(), candidate);
            }
        });
        long unplacedCount = unplaced.stream().filter(solver::booleanValue).count();
        // The cost from the node counts, exactly: the objective comes back as a double, which rounds above 2^53.
        long cost = pools.stream().mapToLong(p -> solver.value(p.count()) * p.priceMicros).sum();
        // With a switch cost, OPTIMAL is proven for cost plus switch costs, and the plan reports gap 0 for it;
        // otherwise the bound is lowered by the most the switch costs could add, so it still bounds the cost.
        long bound = status == CpSolverStatus.OPTIMAL && switchTotal > 0 ? cost
                : Math.max(0, (long) Math.ceil(solver.bestObjectiveBound() - 1e-6 - (double) unplacedCount * big
                        - switchTotal));
        List<ClusterSolution.PoolNodes> nodes = pools.stream().map(p -> p.nodes(solver)).toList();
        Map<String, Long> quotaUse = new LinkedHashMap<>();
        for (QuotaLimit quota : quotas) {
            quotaUse.put(quota.key(), pools.stream().filter(p -> quota.poolKeys().contains(p.key()))
                    .mapToLong(p -> solver.value(p.count()) * p.vcpusPerNode()).sum());
        }
        return new ClusterSolution(status == CpSolverStatus.OPTIMAL, picked, nodes, cost, Math.min(bound, cost),
                false, quotaUse);
    }

    /**
     * Solves, stopping the search when the deadline is cancelled. CpSolver.stopSearch only reaches a search that
     * has begun, so a cancel landing between the registration and the search's start is caught by the solution
     * callback instead, at the next solution found.
     */
    private static CpSolverStatus solveStoppable(CpSolver solver, CpModel model, Deadline deadline) {
        if (deadline == null) {
            return solver.solve(model);
        }
        CpSolverSolutionCallback checkCancel = new CpSolverSolutionCallback() {
            @Override
            public void onSolutionCallback() {
                if (deadline.cancelled()) {
                    stopSearch();
                }
            }
        };
        try (Deadline.Registration stop = deadline.whileRunning(solver::stopSearch)) {
            return solver.solve(model, checkCancel);
        }
    }

    private static List<PoolModel> pools(List<Pair> pairs, Map<Pair, List<Candidate>> candidates, int patternLimit) {
        Map<String, List<Candidate>> byPool = new LinkedHashMap<>();
        pairs.forEach(pair -> candidates.getOrDefault(pair, List.of())
                .forEach(c -> byPool.computeIfAbsent(poolKey(c), k -> new ArrayList<>()).add(c)));
        return byPool.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new PoolModel(e.getValue(), pairs, patternLimit)).toList();
    }

    /** Pools are told apart by cluster, since one model may hold several clusters. */
    public static String poolKey(Candidate c) {
        return c.pair().cluster() + "/" + c.pool().name();
    }

    /** One pool's share of the model: node count and packing constraints for the candidates that use it. */
    private static final class PoolModel {
        private final List<Candidate> candidates;
        private final List<Resources> sizes;
        private final Resources capacity;
        private final long priceMicros;
        private final io.modelfleet.planning.snapshot.Cluster.NodePool pool;
        private final long nodeBound;
        private final int patternLimit;
        private List<long[]> patterns;
        private List<IntVar> patternUse;
        private List<BoolVar> nodeUsed;
        private List<List<IntVar>> slotCounts;
        private IntVar count;

        PoolModel(List<Candidate> candidates, List<Pair> pairs, int patternLimit) {
            this.candidates = candidates;
            this.patternLimit = patternLimit;
            Candidate first = candidates.get(0);
            this.pool = first.pool();
            this.capacity = first.hardware().capacity();
            this.priceMicros = first.priceMicros();
            this.sizes = candidates.stream().map(Candidate::perReplica).distinct()
                    .sorted(Comparator.comparingLong(Resources::accelerators).thenComparingLong(Resources::millicores)
                            .thenComparingLong(Resources::mebibytes)).toList();
            long bound = 0;
            for (Pair pair : pairs) {
                bound += candidates.stream().filter(c -> c.pair().equals(pair))
                        .mapToLong(Candidate::standaloneNodes).max().orElse(0);
            }
            this.nodeBound = Math.min(Math.min(pool.maxNodes(), PlanningBounds.MAX_NODES_PER_POOL), bound);
        }

        io.modelfleet.planning.snapshot.Cluster.NodePool pool() {
            return pool;
        }

        String key() {
            return poolKey(candidates.get(0));
        }

        IntVar count() {
            return count;
        }

        long vcpusPerNode() {
            return candidates.get(0).hardware().vcpus();
        }

        void build(CpModel model, Map<Candidate, BoolVar> chosen, LinearExprBuilder objective) {
            Optional<List<long[]>> enumerated = NodePatterns.enumerate(sizes, capacity, patternLimit);
            List<LinearExprBuilder> supply = new ArrayList<>();
            sizes.forEach(s -> supply.add(LinearExpr.newBuilder()));
            LinearExprBuilder nodes = LinearExpr.newBuilder();
            if (enumerated.isPresent()) {
                patterns = enumerated.get();
                patternUse = new ArrayList<>();
                for (long[] pattern : patterns) {
                    IntVar use = model.newIntVar(0, nodeBound, "w");
                    patternUse.add(use);
                    nodes.addTerm(use, 1);
                    for (int t = 0; t < sizes.size(); t++) {
                        if (pattern[t] > 0) {
                            supply.get(t).addTerm(use, pattern[t]);
                        }
                    }
                }
            } else {
                buildSlots(model, supply, nodes);
            }
            LinearExpr nodeCount = nodes.build();
            model.addLessOrEqual(nodeCount, nodeBound);
            count = nodeCountVar(model, nodeCount);
            objective.addTerm(count, priceMicros);
            for (int t = 0; t < sizes.size(); t++) {
                LinearExprBuilder demand = LinearExpr.newBuilder();
                for (Candidate c : candidates) {
                    if (c.perReplica().equals(sizes.get(t))) {
                        demand.addTerm(chosen.get(c), c.replicas());
                    }
                }
                model.addLessOrEqual(demand, supply.get(t));
            }
        }

        private IntVar nodeCountVar(CpModel model, LinearExpr nodeCount) {
            IntVar count = model.newIntVar(0, nodeBound, "n");
            model.addEquality(count, nodeCount);
            return count;
        }

        /** Fallback: nodes 0..bound-1, each used or not, holding per-size counts within its capacity. */
        private void buildSlots(CpModel model, List<LinearExprBuilder> supply, LinearExprBuilder nodes) {
            nodeUsed = new ArrayList<>();
            slotCounts = new ArrayList<>();
            long[] cap = capacity.asArray();
            for (int j = 0; j < nodeBound; j++) {
                BoolVar used = model.newBoolVar("y");
                nodeUsed.add(used);
                nodes.addTerm(used, 1);
                if (j > 0) {
                    model.addImplication(used, nodeUsed.get(j - 1));
                }
                List<IntVar> counts = new ArrayList<>();
                for (int t = 0; t < sizes.size(); t++) {
                    long fit = sizes.get(t).perNode(capacity);
                    IntVar x = model.newIntVar(0, fit, "x");
                    counts.add(x);
                    supply.get(t).addTerm(x, 1);
                }
                slotCounts.add(counts);
                for (int d = 0; d < cap.length; d++) {
                    LinearExprBuilder load = LinearExpr.newBuilder();
                    for (int t = 0; t < sizes.size(); t++) {
                        long amount = sizes.get(t).asArray()[d];
                        if (amount > 0) {
                            load.addTerm(counts.get(t), amount);
                        }
                    }
                    load.addTerm(used, -cap[d]);
                    model.addLessOrEqual(load, 0);
                }
            }
        }

        ClusterSolution.PoolNodes nodes(CpSolver solver) {
            List<long[]> perNode = new ArrayList<>();
            if (patterns != null) {
                for (int q = 0; q < patterns.size(); q++) {
                    long uses = solver.value(patternUse.get(q));
                    for (long i = 0; i < uses; i++) {
                        perNode.add(patterns.get(q));
                    }
                }
            } else {
                for (int j = 0; j < nodeUsed.size(); j++) {
                    if (solver.booleanValue(nodeUsed.get(j))) {
                        long[] counts = new long[sizes.size()];
                        for (int t = 0; t < sizes.size(); t++) {
                            counts[t] = solver.value(slotCounts.get(j).get(t));
                        }
                        perNode.add(counts);
                    }
                }
            }
            return new ClusterSolution.PoolNodes(candidates.get(0).pair().cluster(), pool, candidates.get(0).hardware(),
                    priceMicros, sizes, perNode);
        }
    }
}
