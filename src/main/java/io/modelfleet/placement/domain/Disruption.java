package io.modelfleet.placement.domain;

/**
 * What rolling a recommendation out disturbs: replicas taken down and replaced (or removed), clusters whose hardware
 * changes, clusters touched at all, out of the replicas the deployment runs now.
 */
public record Disruption(int replicasReplaced, int hardwareSwitches, int clustersTouched, int replicasRunning) {

    /** Replicas replaced as a share of those running, in [0, 1]. */
    public double fraction() {
        return replicasRunning == 0 ? 0 : Math.min(1.0, (double) replicasReplaced / replicasRunning);
    }
}
