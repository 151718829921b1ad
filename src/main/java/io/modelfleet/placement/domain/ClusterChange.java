package io.modelfleet.placement.domain;

import io.modelfleet.planning.Choice;

/**
 * What a recommendation changes on one cluster: {@code from} is what runs now (its replicas as they run, priced at
 * today's prices), {@code to} the proposed choice. {@code from}'s cost is 0 when what runs cannot be priced any more
 * (its hardware or offering is gone).
 */
public record ClusterChange(String cluster, Choice from, Choice to) {

    /** Whether the workload itself changes (another variant or pool), not only its replicas or batch size. */
    public boolean switchesWorkload() {
        return from == null || to == null || !to.sameWorkload(from);
    }

    public boolean switchesHardware() {
        return from == null || to == null || !from.hardware().equals(to.hardware());
    }

    /** Replicas the change takes down: all of them for a new workload or batch size, the surplus for a scale-down. */
    public int replicasDisrupted() {
        if (from == null) {
            return 0;
        }
        if (to == null || switchesWorkload() || to.batchSize() != from.batchSize()) {
            return from.replicas();
        }
        return Math.max(0, from.replicas() - to.replicas());
    }
}
