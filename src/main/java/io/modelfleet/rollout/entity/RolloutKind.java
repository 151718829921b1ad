package io.modelfleet.rollout.entity;

/** PLAN applies a stored plan; RETIREMENT removes what runs for deployments that no longer demand a cluster. */
public enum RolloutKind {
    PLAN, RETIREMENT
}
