package io.modelfleet.planning;

/** The planning contract's rules, each a reason a (variant, pool, benchmark) option can be rejected. */
public enum Rule {
    /** The deployment's model version has no variants at all. */
    NO_VARIANTS,
    /** The deployment names a cluster that is not in the snapshot. */
    UNKNOWN_CLUSTER,
    /** The cluster has no node pools. */
    NO_POOLS,
    /** The variant's precision is not one the pool's hardware runs natively. */
    PRECISION_NOT_NATIVE,
    /** The variant was never benchmarked on the pool's hardware. */
    NO_BENCHMARK,
    /** The benchmark's p99 latency exceeds the SLO. */
    LATENCY,
    /** The variant's accuracy is below the SLO's floor (or unknown while a floor is set). */
    ACCURACY,
    /** One replica needs more accelerators, vCPUs or memory than one node has. */
    REPLICA_DOES_NOT_FIT,
    /** The artifact is larger than the accelerator memory one replica gets. */
    ARTIFACT_TOO_LARGE,
    /** The hardware has no offering in the cluster's region for the pool's capacity type. */
    NO_OFFERING,
    /**
     * The row is an estimate (source ESTIMATED) and the deployment has not agreed to plan with estimates
     * ({@code allowEstimated}, design 007, B4); otherwise it would be a candidate.
     */
    ESTIMATED_NOT_ALLOWED,
    /** Even alone, the replicas need more nodes than the pool's maxNodes. */
    MAX_NODES,
    /** Feasible alone, but the pools it needs are taken by the other deployments placed on the cluster. */
    CAPACITY,
    /** The solver found no placement for the cluster before the time limit. */
    TIME_LIMIT,
    /** What runs now on this variant and pool was flagged by observed metrics: its SLO is at risk (design 006, I4). */
    SLO_AT_RISK,
    /** An input is beyond what the planner is built for ({@link PlanningBounds}): a price, a node, a replica count. */
    PLANNING_BOUND
}
