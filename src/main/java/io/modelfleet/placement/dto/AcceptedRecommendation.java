package io.modelfleet.placement.dto;

import io.modelfleet.rollout.RolloutViews.RolloutView;

/** The answer to an accept: the recommendation, now ACCEPTED with its plan and rollout, and the rollout started. */
public record AcceptedRecommendation(RecommendationView recommendation, RolloutView rollout) {
}
