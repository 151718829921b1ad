package io.modelfleet.plans;

import java.util.List;

/**
 * Body of POST /api/v1/plans: the deployments to plan (absent or empty: all) and an optional solver time limit
 * in seconds.
 */
public record PlanRequest(List<String> deployments, Double timeLimitSeconds) {
}
