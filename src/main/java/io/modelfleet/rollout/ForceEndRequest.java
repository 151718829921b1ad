package io.modelfleet.rollout;

/** POST /rollouts/{id}/force-end: why an admin ends a rollout that cannot finish by itself. */
public record ForceEndRequest(String reason) {
}
