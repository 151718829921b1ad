package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.Deployment;

/** One (deployment, cluster) to place, with the demand it must serve there. */
public record Pair(Deployment deployment, String cluster, double rps) {

    public String deploymentName() {
        return deployment.name();
    }
}
