package io.modelfleet.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.planning.solver.ClusterSolution;
import io.modelfleet.planning.solver.ClusterSolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: on random small fleets, for every cluster, the CP-SAT plan (node patterns, and the node-by-node
 * fallback) places as many pairs as brute force and costs exactly as much, and the assembled plan's nodes
 * really hold every replica within capacity.
 */
class CpSatMatchesExhaustiveSearchTest {

    @Test
    void cpSatCostEqualsExhaustiveSearchOnRandomFleets() {
        new Planner(1, 0);
        Random random = new Random(20261122);
        int clustersChecked = 0;
        int nonTrivial = 0;
        for (int trial = 0; trial < 150; trial++) {
            var snapshot = RandomFleets.fleet(random, 1 + random.nextInt(2), 1 + random.nextInt(3));
            Planner.Problem problem = Planner.Problem.of(snapshot);
            for (String cluster : problem.clusterNames()) {
                List<Pair> pairs = problem.pairsOn(cluster);
                Map<Pair, List<Candidate>> all = new LinkedHashMap<>();
                Map<Pair, List<Candidate>> pruned = new LinkedHashMap<>();
                for (Pair pair : pairs) {
                    all.put(pair, problem.candidates(pair));
                    pruned.put(pair, Dominance.prune(problem.candidates(pair)));
                }
                ExhaustiveSearch.Best expected = ExhaustiveSearch.solve(pairs, all);
                ClusterSolution patterns = ClusterSolver.solve(pairs, pruned, 10);
                ClusterSolution nodeByNode = ClusterSolver.solve(pairs, pruned, 10, 0);
                String context = "trial " + trial + " cluster " + cluster + " " + snapshot;
                for (ClusterSolution actual : List.of(patterns, nodeByNode)) {
                    assertTrue(actual.optimal(), context);
                    assertEquals(expected.placed(), actual.chosen().size(), context);
                    assertEquals(expected.costMicros(), actual.costMicros(), context);
                }
                clustersChecked++;
                if (expected.placed() > 0 && expected.costMicros() > 0) {
                    nonTrivial++;
                }
            }
        }
        assertTrue(nonTrivial > 100, "enough clusters placed something to make the property meaningful: "
                + nonTrivial + " of " + clustersChecked);
    }

    /**
     * Design 006, I2: with a random running choice per pair and a switch cost, CP-SAT's optimum of cost plus switch
     * costs equals brute force's, and the cost it reports is the nodes' alone.
     */
    @Test
    void withASwitchCostCpSatStillMatchesExhaustiveSearch() {
        new Planner(1, 0);
        Random random = new Random(20261203);
        int kept = 0;
        int moved = 0;
        for (int trial = 0; trial < 120; trial++) {
            var snapshot = RandomFleets.fleet(random, 1 + random.nextInt(2), 1 + random.nextInt(3));
            Planner.Problem plain = Planner.Problem.of(snapshot);
            List<io.modelfleet.planning.snapshot.Running> running = new java.util.ArrayList<>();
            for (Pair pair : plain.pairs()) {
                List<Candidate> feasible = plain.candidates(pair);
                if (!feasible.isEmpty() && random.nextInt(4) > 0) {
                    Candidate c = feasible.get(random.nextInt(feasible.size()));
                    running.add(new io.modelfleet.planning.snapshot.Running(pair.deploymentName(), pair.cluster(),
                            c.variant().id(), c.pool().name(), c.benchmark().batchSize(), c.replicas()));
                }
            }
            double usd = List.of(0.001, 0.05, 0.5, 5.0).get(random.nextInt(4));
            Planner.Problem problem = Planner.Problem.of(snapshot.withRunning(running, usd));
            for (String cluster : problem.clusterNames()) {
                List<Pair> pairs = problem.pairsOn(cluster);
                Map<Pair, List<Candidate>> all = new LinkedHashMap<>();
                Map<Pair, List<Candidate>> pruned = new LinkedHashMap<>();
                for (Pair pair : pairs) {
                    all.put(pair, problem.candidates(pair));
                    pruned.put(pair, Dominance.prune(problem.candidates(pair), problem.switchCost()));
                }
                ExhaustiveSearch.Best expected = ExhaustiveSearch.solve(pairs, all, problem.switchCost());
                ClusterSolution actual = ClusterSolver.solve(pairs, pruned, 10, ClusterSolver.PATTERN_LIMIT,
                        List.of(), null, problem.switchCost());
                long switched = pairs.stream().filter(problem.switchCost()::applies).filter(p -> actual.chosen()
                        .get(p) == null || !problem.switchCost().keeps(actual.chosen().get(p))).count();
                String context = "trial " + trial + " cluster " + cluster + " switch " + usd + " " + snapshot;
                assertTrue(actual.optimal(), context);
                assertEquals(expected.placed(), actual.chosen().size(), context);
                assertEquals(expected.objectiveMicros(), actual.costMicros() + switched
                        * problem.switchCost().micros(), context);
                kept += pairs.stream().filter(p -> actual.chosen().get(p) != null
                        && problem.switchCost().keeps(actual.chosen().get(p))).count();
                moved += (int) switched;
            }
        }
        assertTrue(kept > 50 && moved > 20, "both keeping and moving happen: kept " + kept + ", moved " + moved);
    }

    @Test
    void assembledNodesHoldEveryReplicaWithinCapacity() {
        Random random = new Random(7);
        Planner planner = new Planner(2, 0);
        for (int trial = 0; trial < 40; trial++) {
            var snapshot = RandomFleets.fleet(random, 2, 3);
            PlanResult plan = planner.plan(snapshot, java.time.Duration.ofSeconds(10));
            Map<String, Integer> replicasOnNodes = new LinkedHashMap<>();
            for (PlanResult.PoolNodes pool : plan.nodes()) {
                assertEquals(pool.count(), pool.perNode().size());
                for (List<PlanResult.NodeShare> node : pool.perNode()) {
                    for (PlanResult.NodeShare share : node) {
                        replicasOnNodes.merge(pool.cluster() + "/" + share.deployment(), share.replicas(),
                                Integer::sum);
                    }
                }
            }
            Map<String, Integer> placed = new LinkedHashMap<>();
            plan.placements().forEach(p -> placed.put(p.cluster() + "/" + p.deployment(), p.replicas()));
            assertEquals(placed, replicasOnNodes, "trial " + trial);
            double attributed = plan.placements().stream().mapToDouble(PlanResult.Placement::hourlyCostUsd).sum();
            assertEquals(plan.totalHourlyCostUsd(), attributed, 1e-5, "attributed costs add up to the total");
        }
    }
}
