package io.modelfleet.planning;

import com.google.ortools.Loader;
import io.modelfleet.planning.PlanResult.PlanStatus;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Running;
import io.modelfleet.planning.snapshot.Variant;
import io.modelfleet.planning.solver.ClusterSolution;
import io.modelfleet.planning.solver.ClusterSolver;
import io.modelfleet.planning.solver.SwitchCost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The planner: generates and filters candidates in plain Java, solves every cluster independently (they share
 * no constraint) and in parallel with CP-SAT, then explains the result and computes the fp32-only and
 * single-hardware baselines. Guarantees: every pair is either placed or reported with reasons; a cluster marked
 * optimal was proven optimal for "most pairs placed, then least cost"; the same snapshot gives the same plan as
 * long as no solve is cut by the time limit.
 */
public final class Planner {

    private static volatile boolean nativesLoaded;

    private final int threads;
    private final int exactAlternativeBudget;

    public Planner(int threads, int exactAlternativeBudget) {
        this.threads = Math.max(1, threads);
        this.exactAlternativeBudget = exactAlternativeBudget;
        loadNatives();
    }

    /** A planner using every core, re-solving up to 200 alternatives exactly per plan. */
    public static Planner withDefaults() {
        return new Planner(Runtime.getRuntime().availableProcessors(), 200);
    }

    private static synchronized void loadNatives() {
        if (!nativesLoaded) {
            Loader.loadNativeLibraries();
            nativesLoaded = true;
        }
    }

    public PlanResult plan(CatalogSnapshot snapshot, Duration timeLimit) {
        return plan(snapshot, Deadline.in(timeLimit), PlanProgress.Listener.NONE);
    }

    /**
     * Plans within {@code deadline}, the whole of it: solve, baselines and exact alternative costs. The listener
     * hears each unit solved and each phase begun.
     */
    public PlanResult plan(CatalogSnapshot snapshot, Deadline deadline, PlanProgress.Listener listener) {
        long started = System.nanoTime();
        Problem problem = Problem.of(snapshot);
        UnitProgress progress = new UnitProgress(problem.unitNames().size(), listener);
        Map<String, ClusterSolution> solutions = perCluster(problem.unitNames(),
                unit -> progress.solved(solveUnit(problem, unit, Restriction.NONE, deadline, null)));
        long solveMillis = (System.nanoTime() - started) / 1_000_000;
        long baselineStart = System.nanoTime();
        progress.phase(PlanProgress.Phase.BASELINES);
        PlanResult.Baselines baselines = new PlanResult.Baselines(
                Baselines.fp32Only(this, problem, deadline.share(0.5)),
                Baselines.singleHardware(this, problem, deadline));
        long baselineMillis = (System.nanoTime() - baselineStart) / 1_000_000;
        progress.phase(PlanProgress.Phase.ALTERNATIVES);
        return PlanAssembler.assemble(this, problem, solutions, baselines, solveMillis, baselineMillis, deadline);
    }

    /**
     * One evaluation of the fleet for continuous placement (design 006): each pair's proposal with the snapshot's
     * switch cost beside the cost of keeping what runs, reusing the decisions of units unchanged since the last
     * evaluation that used {@code cache}. Solves only: no baselines, no alternatives.
     */
    public Evaluation evaluate(CatalogSnapshot snapshot, Deadline deadline, UnitCache cache) {
        return new Evaluator(this).evaluate(snapshot, deadline, cache);
    }

    /** How many units a plan of this snapshot solves: what progress counts to, known before planning starts. */
    public static int units(CatalogSnapshot snapshot) {
        Map<String, Cluster> clusters = snapshot.clustersByName();
        java.util.Set<String> units = new java.util.HashSet<>();
        for (Pair pair : CandidateGenerator.pairs(snapshot)) {
            Cluster c = clusters.get(pair.cluster());
            if (c != null) {
                units.add(Problem.unitName(snapshot, c));
            }
        }
        return units.size();
    }

    /** Counts units as they are solved and tells the listener; units finish on several threads at once. */
    private static final class UnitProgress {
        private final int total;
        private final PlanProgress.Listener listener;
        private int solved;
        private long costMicros;
        private long boundMicros;
        private PlanProgress.Phase phase = PlanProgress.Phase.SOLVING;

        UnitProgress(int total, PlanProgress.Listener listener) {
            this.total = total;
            this.listener = listener;
            listener.progress(PlanProgress.starting(total));
        }

        /**
         * A unit's solve ended. One skipped for lack of time (after a cancel, or past the grace) is not counted:
         * reporting it as solved would read as 120/120 with gap 0 for a plan cancelled at 5/120. The bound adds up
         * each unit's lowerBoundMicros, as the plan's lowerBoundUsd does (PlanAssembler).
         */
        synchronized ClusterSolution solved(ClusterSolution s) {
            if (s.timedOut() && s.refused() == null) {
                return s;
            }
            solved++;
            costMicros += s.costMicros();
            boundMicros += s.lowerBoundMicros();
            listener.progress(current());
            return s;
        }

        synchronized void phase(PlanProgress.Phase next) {
            phase = next;
            listener.progress(current());
        }

        private PlanProgress current() {
            if (solved == 0) {
                return new PlanProgress(0, total, null, null, null, phase);
            }
            double gap = costMicros == 0 ? 0 : Money.round((double) (costMicros - boundMicros) / costMicros);
            return new PlanProgress(solved, total, Money.usd(costMicros), Money.usd(boundMicros), gap, phase);
        }
    }

    /**
     * Solves every unit of the problem (a cluster, or the clusters one service quota couples) with only the
     * candidates {@code keep} allows; results are keyed by unit.
     */
    Map<String, ClusterSolution> solveAll(Problem problem, Restriction keep, Deadline deadline) {
        return perCluster(problem.unitNames(), unit -> solveUnit(problem, unit, keep, deadline, null));
    }

    /** Runs one task per key on the planner's threads; results come back in key order. */
    <T> Map<String, T> perCluster(List<String> clusters, Function<String, T> task) {
        Map<String, T> out = new LinkedHashMap<>();
        if (clusters.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, clusters.size()));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (String cluster : clusters) {
                futures.add(pool.submit(() -> task.apply(cluster)));
            }
            for (int i = 0; i < clusters.size(); i++) {
                out.put(clusters.get(i), futures.get(i).get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("planning was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("planning a cluster failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One unit; {@code forced} (optional) pins one pair to one candidate, for exact alternative costs. */
    ClusterSolution solveUnit(Problem problem, String unit, Restriction keep, Deadline deadline, Candidate forced) {
        List<Pair> pairs = problem.pairsInUnit(unit);
        Map<Pair, List<Candidate>> candidates = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            List<Candidate> kept = forced != null && forced.pair().equals(pair) ? List.of(forced)
                    : Dominance.prune(problem.candidates(pair).stream().filter(keep::allows).toList(),
                            problem.switchCost());
            candidates.put(pair, kept);
        }
        if (deadline.pastGrace()) {
            // Past the limit and its grace: a plan must not keep a worker busy for baselines and explanations.
            return ClusterSolution.timedOut(pairs);
        }
        double seconds = Math.max(0.05, deadline.secondsLeft());
        return ClusterSolver.solve(pairs, candidates, seconds, ClusterSolver.PATTERN_LIMIT,
                problem.quotaLimits(unit), deadline, problem.switchCost());
    }

    int exactAlternativeBudget() {
        return exactAlternativeBudget;
    }

    /** INFEASIBLE only when every unit was solved to the end and still nothing could be placed. */
    static PlanStatus status(List<PlanResult.Placement> placements, int pairs, boolean allOptimal) {
        if (placements.isEmpty() && pairs > 0 && allOptimal) {
            return PlanStatus.INFEASIBLE;
        }
        return allOptimal ? PlanStatus.OPTIMAL : PlanStatus.FEASIBLE;
    }

    /** The snapshot prepared once: pairs, their options, and indexes the solver and explanations share. */
    record Problem(CatalogSnapshot snapshot, List<Pair> pairs, Map<Pair, List<Option>> options,
            Map<String, Cluster> clusters, Map<String, Hardware> hardware,
            Map<String, List<Variant>> variantsByModelVersion, Map<String, String> unitOf,
            Map<String, List<String>> unitClusters, Map<String, List<Pair>> unitPairs, SwitchCost switchCost) {

        /**
         * The problem of a snapshot, with what outside deployments hold taken out of pools and quotas first, and
         * the running choice of each pair that has one (its option rejected when observed metrics put it at risk).
         */
        static Problem of(CatalogSnapshot original) {
            CatalogSnapshot snapshot = Reservations.apply(original);
            Map<String, Hardware> hardware = snapshot.hardwareByName();
            Map<String, Cluster> clusters = snapshot.clustersByName();
            Map<String, List<Variant>> variants = CandidateGenerator.variantsByModelVersion(snapshot);
            List<Pair> pairs = CandidateGenerator.pairs(snapshot);
            Map<Pair, List<Option>> options = new LinkedHashMap<>();
            Map<String, Running> runningByKey = new java.util.HashMap<>();
            snapshot.running().forEach(r -> runningByKey.put(r.deployment() + "\n" + r.cluster(), r));
            Map<Pair, Running> running = new LinkedHashMap<>();
            for (Pair pair : pairs) {
                Running now = runningByKey.get(pair.deploymentName() + "\n" + pair.cluster());
                List<Option> found = CandidateGenerator.options(pair, snapshot, hardware, clusters, variants);
                if (now != null) {
                    running.put(pair, now);
                    found = now.atRisk() ? AtRisk.reject(found, now) : found;
                }
                options.put(pair, found);
            }
            Map<String, String> unitOf = new LinkedHashMap<>();
            for (Cluster c : clusters.values()) {
                unitOf.put(c.name(), unitName(snapshot, c));
            }
            Map<String, List<String>> unitClusters = new java.util.TreeMap<>();
            Map<String, List<Pair>> unitPairs = new java.util.TreeMap<>();
            for (Pair pair : pairs) {
                if (clusters.containsKey(pair.cluster())) {
                    String unit = unitOf.get(pair.cluster());
                    unitPairs.computeIfAbsent(unit, k -> new ArrayList<>()).add(pair);
                    List<String> members = unitClusters.computeIfAbsent(unit, k -> new ArrayList<>());
                    if (!members.contains(pair.cluster())) {
                        members.add(pair.cluster());
                    }
                }
            }
            unitClusters.values().forEach(list -> list.sort(String::compareTo));
            return new Problem(snapshot, pairs, options, clusters, hardware, variants, unitOf, unitClusters,
                    unitPairs, new SwitchCost(Math.round(snapshot.switchCostUsdPerHour() * 1_000_000), running));
        }

        /** A cluster's unit: itself, or all the clusters one service quota couples. */
        static String unitName(CatalogSnapshot snapshot, Cluster c) {
            boolean coupled = snapshot.quotas().stream().anyMatch(q -> Quotas.applies(q, c));
            return coupled ? "quota:" + c.accountId() + "/" + c.region() : c.name();
        }

        List<String> clusterNames() {
            return pairs.stream().map(Pair::cluster).filter(clusters::containsKey).distinct().sorted().toList();
        }

        List<String> unitNames() {
            return List.copyOf(unitClusters.keySet());
        }

        String unitOf(String cluster) {
            return unitOf.getOrDefault(cluster, cluster);
        }

        List<String> clustersInUnit(String unit) {
            return unitClusters.getOrDefault(unit, List.of());
        }

        List<Pair> pairsInUnit(String unit) {
            return unitPairs.getOrDefault(unit, List.of());
        }

        List<Pair> pairsOn(String cluster) {
            return pairs.stream().filter(p -> p.cluster().equals(cluster)).toList();
        }

        /** The quotas over this unit's clusters, as limits over the pools each covers. */
        List<io.modelfleet.planning.solver.QuotaLimit> quotaLimits(String unit) {
            List<Cluster> members = clustersInUnit(unit).stream().map(clusters::get).toList();
            return snapshot.quotas().stream().filter(q -> members.stream().anyMatch(c -> Quotas.applies(q, c)))
                    .map(q -> new io.modelfleet.planning.solver.QuotaLimit(Quotas.key(q), (long) Math.floor(
                            q.limitVcpus()), members.stream().filter(c -> Quotas.applies(q, c))
                                    .flatMap(c -> c.pools().stream().filter(p -> QuotaCodes.covers(q.code(),
                                            p.hardware(), p.capacityType())).map(p -> c.name() + "/" + p.name()))
                                    .collect(java.util.stream.Collectors.toSet())))
                    .toList();
        }

        List<Candidate> candidates(Pair pair) {
            return options.get(pair).stream().filter(Option::isFeasible).map(Option::candidate).toList();
        }
    }
}
