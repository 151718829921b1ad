package io.modelfleet.rollout;

import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Variant;
import java.util.Map;

/**
 * What a plan's inputs are now, in the snapshot's own types so that they compare field by field with what the plan
 * read: variants by id, deployments and clusters by name, each deployment at the version it has now. Something the
 * plan read that is absent here has been deleted since.
 */
record CurrentInputs(Map<String, Variant> variants, Map<String, Deployment> deployments,
        Map<String, Cluster> clusters) {

    CurrentInputs {
        variants = Map.copyOf(variants);
        deployments = Map.copyOf(deployments);
        clusters = Map.copyOf(clusters);
    }
}
