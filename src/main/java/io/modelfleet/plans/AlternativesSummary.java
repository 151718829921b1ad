package io.modelfleet.plans;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelfleet.planning.PlanResult.Alternative;
import io.modelfleet.planning.PlanResult.Outcome;
import io.modelfleet.planning.PlanResult.PairAlternatives;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a plan body shows of a pair's options (design 004, I2): the chosen one and the {@link #COSTLIER_SHOWN}
 * cheapest costlier ones, how many costlier ones are left out, and the rejected ones counted by rule. Every option
 * stays reachable through {@code GET /plans/{id}/alternatives}; a 1,000-pair body is mostly rejected options
 * otherwise.
 */
public record AlternativesSummary(String deployment, String cluster, List<Alternative> options,
        int costlierNotShown, Map<String, Integer> rejectedByRule) {

    /** How many costlier options a plan body shows per pair (the CLI's default too). */
    public static final int COSTLIER_SHOWN = 3;

    static AlternativesSummary of(PairAlternatives pair) {
        List<Alternative> shown = new ArrayList<>();
        int costlier = 0;
        Map<String, Integer> rejected = new TreeMap<>();
        for (Alternative a : AlternativesOrder.sortedOptions(pair.options())) {
            if (a.outcome() == Outcome.CHOSEN) {
                shown.add(a);
            } else if (a.outcome() == Outcome.COSTLIER) {
                if (costlier++ < COSTLIER_SHOWN) {
                    shown.add(a);
                }
            } else {
                rejected.merge(a.rule() == null ? "UNKNOWN" : a.rule().name(), 1, Integer::sum);
            }
        }
        return new AlternativesSummary(pair.deployment(), pair.cluster(), shown,
                Math.max(0, costlier - COSTLIER_SHOWN), rejected);
    }

    /** Every pair summarized, in (deployment, cluster) order like the endpoint. */
    static List<AlternativesSummary> of(List<PairAlternatives> pairs) {
        return AlternativesOrder.sorted(pairs).stream().map(AlternativesSummary::of).toList();
    }

    /** Whether a stored body's {@code alternatives} still hold full lists (plans stored before V16). */
    static boolean isFullList(JsonNode alternatives) {
        for (JsonNode pair : alternatives) {
            if (!pair.has("costlierNotShown")) {
                return true;
            }
        }
        return false;
    }

    /** The summaries of a stored body's full lists. */
    static List<AlternativesSummary> ofStored(JsonNode alternatives) {
        try {
            List<PairAlternatives> pairs = new ArrayList<>();
            for (JsonNode pair : alternatives) {
                pairs.add(PlanJson.MAPPER.treeToValue(pair, PairAlternatives.class));
            }
            return of(pairs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alternatives are not valid", e);
        }
    }
}
