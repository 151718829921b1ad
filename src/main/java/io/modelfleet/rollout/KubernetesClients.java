package io.modelfleet.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.fleet.domain.ClusterTarget;

/** Gives the Fabric8 client for a cluster's KUBERNETES target; the one seam tests replace with the mock server. */
public interface KubernetesClients {

    KubernetesClient client(String cluster, ClusterTarget target);
}
