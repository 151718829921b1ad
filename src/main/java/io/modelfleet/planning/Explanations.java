package io.modelfleet.planning;

import io.modelfleet.planning.solver.ClusterSolution;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reasons a pair is unplaced, in words a service owner can act on, each starting with the rule's name. */
final class Explanations {

    private Explanations() {
    }

    static List<String> unplacedReasons(Planner.Problem problem, Pair pair, Restriction keep,
            ClusterSolution solution) {
        var nothing = CandidateGenerator.nothingToConsider(pair, problem.clusters(), problem.variantsByModelVersion());
        if (nothing.isPresent()) {
            return List.of(nothing.get());
        }
        if (solution != null && solution.refused() != null) {
            return List.of(Rule.PLANNING_BOUND + ": cluster '" + pair.cluster() + "' was not solved: "
                    + solution.refused());
        }
        if (solution != null && solution.timedOut()) {
            return List.of(Rule.TIME_LIMIT + ": the solver found no placement for cluster '" + pair.cluster()
                    + "' within the time limit");
        }
        List<Option> options = problem.options().get(pair).stream().filter(o -> keep.allows(o, pair)).toList();
        List<Candidate> feasible = options.stream().filter(Option::isFeasible).map(Option::candidate).toList();
        if (!feasible.isEmpty()) {
            Set<String> pools = new LinkedHashSet<>();
            feasible.forEach(c -> pools.add(c.pool().name() + " (" + c.hardware().name() + ", maxNodes "
                    + c.pool().maxNodes() + ")"));
            return List.of(Rule.CAPACITY + ": it fits alone on " + String.join(", ", pools)
                    + ", but not together with the deployments placed on cluster '" + pair.cluster() + "'");
        }
        List<String> reasons = new ArrayList<>();
        for (Option o : options) {
            if (!o.isFeasible()) {
                reasons.add(describe(o));
            }
        }
        if (reasons.isEmpty()) {
            reasons.add("no option is left under this restriction");
        }
        return reasons;
    }

    static String describe(Option o) {
        return o.rule() + ": " + o.precision() + " variant " + o.variantId() + " on pool " + o.pool() + " ("
                + o.hardware() + ")" + (o.batchSize() == null ? "" : " batch " + o.batchSize())
                + (o.concurrency() == null || o.concurrency() == 1 ? "" : " concurrency " + o.concurrency()) + ": "
                + o.detail();
    }
}
