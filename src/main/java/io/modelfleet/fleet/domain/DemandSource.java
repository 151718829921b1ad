package io.modelfleet.fleet.domain;

/** Which demand a deployment is planned for, per cluster. */
public enum DemandSource {
    /** The rps the deployment declares (the default). */
    DECLARED,
    /** The rate observed in the cluster's metrics; declared when nothing was observed, and the plan says so. */
    OBSERVED,
    /** The larger of declared and observed. */
    MAX
}
