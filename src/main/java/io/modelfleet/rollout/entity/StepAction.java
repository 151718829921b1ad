package io.modelfleet.rollout.entity;

/**
 * UPSERT applies a workload (in place when hardware and precision are unchanged, beside the old one otherwise) and
 * waits until all its replicas are available; RETIRE then removes the deployment's other workloads in the namespace,
 * which only happens after the new one serves, so capacity never drops below what the SLO needs; REMOVE deletes
 * everything ModelFleet runs for the deployment in a namespace (a cluster left the deployment's demand, the
 * deployment was deleted, or the cluster's namespace moved).
 */
public enum StepAction {
    UPSERT, RETIRE, REMOVE
}
