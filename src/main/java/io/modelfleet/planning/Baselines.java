package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.solver.ClusterSolution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same fleet planned under a restriction, to show what each kind of choice is worth: fp32-only keeps only
 * uncompressed FP32 variants (what compression saves), single-hardware lets each cluster use only the one
 * hardware profile that does best there (what heterogeneity saves). Both are solved exactly like the plan.
 */
final class Baselines {

    private Baselines() {
    }

    static PlanResult.Baseline fp32Only(Planner planner, Planner.Problem problem, Deadline deadline) {
        Restriction keep = (variant, hardware, cluster) -> variant.isUncompressedFp32();
        Map<String, ClusterSolution> solutions = planner.solveAll(problem, keep, deadline);
        return baseline(problem, solutions, keep, null);
    }

    static PlanResult.Baseline singleHardware(Planner planner, Planner.Problem problem, Deadline deadline) {
        Map<String, Choice> choices = planner.perCluster(problem.unitNames(),
                unit -> bestSingleHardware(planner, problem, unit, deadline));
        Map<String, ClusterSolution> best = new LinkedHashMap<>();
        Map<String, String> hardwareByCluster = new LinkedHashMap<>();
        choices.forEach((unit, choice) -> {
            best.put(unit, choice.solution());
            hardwareByCluster.putAll(choice.hardware());
        });
        Restriction keep = (variant, hardware, cluster) -> hardware.equals(hardwareByCluster.get(cluster));
        return baseline(problem, best, keep, new java.util.TreeMap<>(hardwareByCluster));
    }

    private record Choice(Map<String, String> hardware, ClusterSolution solution) {
    }

    /**
     * Restricts each cluster of the unit, in name order, to the hardware profile that does best there (most
     * pairs placed, then cheapest, then name), with the clusters already decided kept to their choice.
     */
    private static Choice bestSingleHardware(Planner planner, Planner.Problem problem, String unit, Deadline deadline) {
        Map<String, String> chosen = new LinkedHashMap<>();
        ClusterSolution last = null;
        for (String clusterName : problem.clustersInUnit(unit)) {
            Cluster cluster = problem.clusters().get(clusterName);
            ClusterSolution winner = null;
            String winnerHardware = null;
            for (String hw : cluster.pools().stream().map(Cluster.NodePool::hardware).distinct().sorted().toList()) {
                Map<String, String> trial = new LinkedHashMap<>(chosen);
                trial.put(clusterName, hw);
                ClusterSolution s = planner.solveUnit(problem, unit, restrictTo(trial), deadline, null);
                if (winner == null || better(s, winner)) {
                    winner = s;
                    winnerHardware = hw;
                }
            }
            if (winnerHardware != null) {
                chosen.put(clusterName, winnerHardware);
                last = winner;
            }
        }
        return new Choice(chosen, last != null ? last : planner.solveUnit(problem, unit, restrictTo(chosen), deadline,
                null));
    }

    private static Restriction restrictTo(Map<String, String> hardwareByCluster) {
        return (variant, hardware, cluster) -> !hardwareByCluster.containsKey(cluster)
                || hardwareByCluster.get(cluster).equals(hardware);
    }

    private static boolean better(ClusterSolution a, ClusterSolution b) {
        if (a.chosen().size() != b.chosen().size()) {
            return a.chosen().size() > b.chosen().size();
        }
        return a.costMicros() < b.costMicros();
    }

    private static PlanResult.Baseline baseline(Planner.Problem problem, Map<String, ClusterSolution> solutions,
            Restriction keep, Map<String, String> hardwareByCluster) {
        long cost = solutions.values().stream().mapToLong(ClusterSolution::costMicros).sum();
        List<PlanResult.Unplaced> unplaced = new ArrayList<>();
        for (Pair pair : problem.pairs()) {
            ClusterSolution s = solutions.get(problem.unitOf(pair.cluster()));
            if (s == null || !s.chosen().containsKey(pair)) {
                unplaced.add(new PlanResult.Unplaced(pair.deploymentName(), pair.cluster(),
                        Explanations.unplacedReasons(problem, pair, keep, s)));
            }
        }
        long cut = solutions.values().stream().filter(s -> s.timedOut() && s.refused() == null).count();
        if (cut > 0) {
            // Cut by the plan's deadline rather than overrunning it: said so, so the saving is not read as exact.
            return new PlanResult.Baseline(Money.usd(cost), unplaced, hardwareByCluster, true, "the time limit ran"
                    + " out before " + cut + " of " + solutions.size() + " unit(s) were solved under this"
                    + " restriction; the cost covers the others");
        }
        return new PlanResult.Baseline(Money.usd(cost), unplaced, hardwareByCluster);
    }
}
