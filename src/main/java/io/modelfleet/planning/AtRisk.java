package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.Running;
import java.util.List;

/**
 * A running choice flagged by observed metrics is not an option any more (design 006, I4): every feasible option of
 * its variant on its pool, at any batch size and concurrency, is rejected with the flag's reason, so the pair moves.
 */
final class AtRisk {

    private AtRisk() {
    }

    static List<Option> reject(List<Option> options, Running running) {
        return options.stream().map(o -> o.isFeasible() && o.variantId().equals(running.variantId())
                && o.pool().equals(running.pool()) ? o.rejectedBy(Rule.SLO_AT_RISK, running.atRiskReason()) : o)
                .toList();
    }
}
