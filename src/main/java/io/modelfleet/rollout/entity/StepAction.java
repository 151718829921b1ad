package io.modelfleet.rollout.entity;

/**
 * UPSERT applies a workload (in place when hardware and precision are unchanged, beside the old one otherwise)
 * and waits until all its replicas are available; RETIRE then removes the deployment's other workloads, which
 * only happens after the new one serves the full demand, so capacity never drops below what the SLO needs.
 */
public enum StepAction {
    UPSERT, RETIRE
}
