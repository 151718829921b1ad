package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Running;
import io.modelfleet.planning.solver.ClusterSolution;
import io.modelfleet.planning.solver.ClusterSolver;
import io.modelfleet.planning.solver.SwitchCost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One evaluation of the whole fleet (design 006): per unit, the solve with the switch cost (the proposal) and,
 * when the proposal moves a running pair, a second solve that keeps every running pair where it is at today's
 * prices and demand (I5), so savings compare like with like. Units whose digest is unchanged since the last
 * evaluation reuse its decisions. No baselines and no alternatives: a plan is made when a recommendation opens.
 */
final class Evaluator {

    private final Planner planner;

    Evaluator(Planner planner) {
        this.planner = planner;
    }

    Evaluation evaluate(CatalogSnapshot snapshot, Deadline deadline, UnitCache cache) {
        long started = System.nanoTime();
        Planner.Problem problem = Planner.Problem.of(snapshot);
        AtomicInteger solved = new AtomicInteger();
        AtomicInteger reused = new AtomicInteger();
        Map<String, UnitCache.Entry> units = planner.perCluster(problem.unitNames(), unit -> {
            String digest = UnitDigest.of(problem, unit);
            UnitCache.Entry previous = cache.reusable(unit, digest);
            if (previous != null) {
                reused.incrementAndGet();
                return previous;
            }
            solved.incrementAndGet();
            UnitCache.Entry entry = solve(problem, unit, digest, deadline);
            if (entry != null) {
                cache.put(unit, entry);
                return entry;
            }
            return new UnitCache.Entry(digest, Map.of(), Map.of(), false);
        });
        cache.retainOnly(problem.unitNames());
        List<PairOutcome> out = new ArrayList<>();
        for (Pair pair : problem.pairs()) {
            UnitCache.Entry e = units.get(problem.unitOf(pair.cluster()));
            String key = key(pair);
            Running running = problem.switchCost().running().get(pair);
            Choice proposed = e == null ? null : e.proposed().get(key);
            Choice kept = e == null || running == null ? null : e.kept().get(key);
            String why = running == null || kept != null ? null : whyNotKept(problem, pair, running);
            out.add(new PairOutcome(pair.deploymentName(), pair.cluster(), proposed, kept, why,
                    e != null && e.optimal()));
        }
        return new Evaluation(out, solved.get(), reused.get(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The unit's proposal and what keeping costs; null when a solve was cut by the deadline. */
    private UnitCache.Entry solve(Planner.Problem problem, String unit, String digest, Deadline deadline) {
        ClusterSolution proposal = planner.solveUnit(problem, unit, Restriction.NONE, deadline, null);
        if (proposal.timedOut()) {
            return null;
        }
        ClusterSolution keeping = movesARunningPair(problem, unit, proposal) ? keeping(problem, unit, deadline)
                : proposal;
        if (keeping.timedOut()) {
            return null;
        }
        // A kept choice is one that keeps the running workload; what the keeping solve chose for a pair with
        // nothing running, or one whose workload is no longer an option, is no "keeping" at all.
        Map<String, Choice> kept = choices(keeping, c -> {
            Running r = problem.switchCost().running().get(c.pair());
            return r != null && SwitchCost.keeps(c, r);
        });
        return new UnitCache.Entry(digest, choices(proposal, c -> true), kept,
                proposal.optimal() && keeping.optimal());
    }

    /** Whether the proposal runs any running pair other than exactly as it runs (workload and batch size). */
    private static boolean movesARunningPair(Planner.Problem problem, String unit, ClusterSolution proposal) {
        for (Pair pair : problem.pairsInUnit(unit)) {
            Running r = problem.switchCost().running().get(pair);
            Candidate c = proposal.chosen().get(pair);
            if (r != null && (c == null || !SwitchCost.keeps(c, r) || c.benchmark().batchSize() != r.batchSize())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The unit solved with every running pair held to what it runs: its variant on its pool at its batch size (any
     * batch size of that workload if the row is gone), with the replicas today's demand needs. Pairs that cannot be
     * kept, and pairs with nothing running, choose freely.
     */
    private ClusterSolution keeping(Planner.Problem problem, String unit, Deadline deadline) {
        List<Pair> pairs = problem.pairsInUnit(unit);
        Map<Pair, List<Candidate>> candidates = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            List<Candidate> all = problem.candidates(pair);
            Running r = problem.switchCost().running().get(pair);
            List<Candidate> keep = r == null ? List.of() : keepCandidates(all, r);
            candidates.put(pair, Dominance.prune(keep.isEmpty() ? all : keep));
        }
        if (deadline.pastGrace()) {
            return ClusterSolution.timedOut(pairs);
        }
        return ClusterSolver.solve(pairs, candidates, Math.max(0.05, deadline.secondsLeft()),
                ClusterSolver.PATTERN_LIMIT, problem.quotaLimits(unit), deadline, SwitchCost.NONE);
    }

    private static List<Candidate> keepCandidates(List<Candidate> all, Running r) {
        List<Candidate> workload = all.stream().filter(c -> SwitchCost.keeps(c, r)).toList();
        List<Candidate> sameBatch = workload.stream().filter(c -> c.benchmark().batchSize() == r.batchSize())
                .toList();
        return sameBatch.isEmpty() ? workload : sameBatch;
    }

    /** Why a running pair has no kept choice: its option is rejected, gone, or does not fit beside the others. */
    private static String whyNotKept(Planner.Problem problem, Pair pair, Running r) {
        List<Option> workload = problem.options().getOrDefault(pair, List.of()).stream()
                .filter(o -> o.variantId().equals(r.variantId()) && o.pool().equals(r.pool())).toList();
        if (workload.isEmpty()) {
            return "variant " + r.variantId() + " on pool " + r.pool() + " is no longer an option (the variant, the"
                    + " pool or the deployment's version changed)";
        }
        if (workload.stream().noneMatch(Option::isFeasible)) {
            Option first = workload.get(0);
            return first.rule() + ": " + first.detail();
        }
        return "keeping what runs on every pair of the unit does not fit its pools or quotas";
    }

    private static Map<String, Choice> choices(ClusterSolution solution,
            java.util.function.Predicate<Candidate> which) {
        Map<Pair, Double> attributed = new HashMap<>();
        for (ClusterSolution.PoolNodes pool : solution.pools()) {
            List<Candidate> onPool = solution.chosen().values().stream().filter(c -> c.pair().cluster()
                    .equals(pool.cluster()) && c.pool().name().equals(pool.pool().name())).toList();
            PlanAssembler.attribute(NodeAssignment.assign(pool, onPool), onPool, pool.priceMicros(), attributed);
        }
        Map<String, Choice> out = new HashMap<>();
        solution.chosen().forEach((pair, c) -> {
            if (which.test(c)) {
                out.put(key(pair), Choice.of(c, attributed.getOrDefault(pair, 0.0)));
            }
        });
        return out;
    }

    static String key(Pair pair) {
        return pair.deploymentName() + "\n" + pair.cluster();
    }
}
