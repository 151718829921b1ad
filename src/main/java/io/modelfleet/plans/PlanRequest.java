package io.modelfleet.plans;

import java.util.List;

/**
 * Body of POST /api/v1/plans: the deployments to plan (absent or empty: all), an optional solver time limit in
 * seconds, and {@code replanAtRisk}: when true, a running placement whose OBSERVED rows put its SLO at risk is not
 * an option (rule SLO_AT_RISK), as the continuous-placement loop plans (design 006, I4). By default it stays an
 * option, flagged {@code sloAtRisk} if chosen.
 */
public record PlanRequest(List<String> deployments, Double timeLimitSeconds, Boolean replanAtRisk) {

    public PlanRequest(List<String> deployments, Double timeLimitSeconds) {
        this(deployments, timeLimitSeconds, null);
    }

    boolean excludesAtRisk() {
        return Boolean.TRUE.equals(replanAtRisk);
    }
}
