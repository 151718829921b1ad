package io.modelfleet.plans;

import io.modelfleet.planning.PlanResult.Alternative;
import io.modelfleet.planning.PlanResult.Outcome;
import io.modelfleet.planning.PlanResult.PairAlternatives;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order alternatives are stored and served in (design 004, I1): pairs by (deployment, cluster); within a pair
 * CHOSEN, then COSTLIER cheapest first, then REJECTED by rule name. Sorts are stable, so options that tie stay as
 * the planner listed them and the same plan always pages the same way.
 */
final class AlternativesOrder {

    static final Comparator<PairAlternatives> PAIRS = Comparator.comparing(PairAlternatives::deployment)
            .thenComparing(PairAlternatives::cluster);

    /** Outcome's declaration order is CHOSEN, COSTLIER, REJECTED: the order wanted. */
    static final Comparator<Alternative> OPTIONS = Comparator.comparing(Alternative::outcome)
            .thenComparingDouble(AlternativesOrder::extraWhenCostlier)
            .thenComparing(AlternativesOrder::ruleWhenRejected);

    private AlternativesOrder() {
    }

    /** Every pair in endpoint order, each with its options in endpoint order. */
    static List<PairAlternatives> sorted(List<PairAlternatives> pairs) {
        List<PairAlternatives> out = new ArrayList<>(pairs.size());
        for (PairAlternatives p : pairs) {
            out.add(new PairAlternatives(p.deployment(), p.cluster(), sortedOptions(p.options())));
        }
        out.sort(PAIRS);
        return out;
    }

    static List<Alternative> sortedOptions(List<Alternative> options) {
        List<Alternative> out = new ArrayList<>(options);
        out.sort(OPTIONS);
        return out;
    }

    private static double extraWhenCostlier(Alternative a) {
        return a.outcome() == Outcome.COSTLIER && a.extraHourlyCostUsd() != null ? a.extraHourlyCostUsd() : 0;
    }

    private static String ruleWhenRejected(Alternative a) {
        return a.outcome() == Outcome.REJECTED && a.rule() != null ? a.rule().name() : "";
    }
}
