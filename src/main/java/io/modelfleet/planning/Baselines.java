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

    static PlanResult.Baseline fp32Only(Planner planner, Planner.Problem problem, long deadline) {
        Restriction keep = (variant, hardware, cluster) -> variant.isUncompressedFp32();
        Map<String, ClusterSolution> solutions = planner.solveAll(problem, keep, deadline);
        return baseline(problem, solutions, keep, null);
    }

    static PlanResult.Baseline singleHardware(Planner planner, Planner.Problem problem, long deadline) {
        Map<String, Choice> choices = planner.perCluster(problem.clusterNames(),
                cluster -> bestSingleHardware(planner, problem, cluster, deadline));
        Map<String, ClusterSolution> best = new LinkedHashMap<>();
        Map<String, String> hardwareByCluster = new LinkedHashMap<>();
        choices.forEach((cluster, choice) -> {
            if (choice != null) {
                best.put(cluster, choice.solution());
                hardwareByCluster.put(cluster, choice.hardware());
            }
        });
        Restriction keep = (variant, hardware, cluster) -> hardware.equals(hardwareByCluster.get(cluster));
        return baseline(problem, best, keep, hardwareByCluster);
    }

    private record Choice(String hardware, ClusterSolution solution) {
    }

    /** Tries each hardware profile the cluster's pools offer; most pairs placed wins, then cost, then name. */
    private static Choice bestSingleHardware(Planner planner, Planner.Problem problem, String clusterName,
            long deadline) {
        Cluster cluster = problem.clusters().get(clusterName);
        Choice winner = null;
        for (String hw : cluster.pools().stream().map(Cluster.NodePool::hardware).distinct().sorted().toList()) {
            ClusterSolution s = planner.solveCluster(problem, clusterName,
                    (variant, hardware, c) -> hardware.equals(hw), deadline, null);
            if (winner == null || better(s, winner.solution())) {
                winner = new Choice(hw, s);
            }
        }
        return winner;
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
            ClusterSolution s = solutions.get(pair.cluster());
            if (s == null || !s.chosen().containsKey(pair)) {
                unplaced.add(new PlanResult.Unplaced(pair.deploymentName(), pair.cluster(),
                        Explanations.unplacedReasons(problem, pair, keep, s)));
            }
        }
        return new PlanResult.Baseline(Money.usd(cost), unplaced, hardwareByCluster);
    }
}
