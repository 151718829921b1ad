package io.modelfleet.rollout.mock;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.rollout.KubernetesClients;
import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * In tests every KUBERNETES cluster target is served by one mock API server (clusters are told apart by
 * namespace), with the real Fabric8 client talking to it over HTTPS.
 */
@Mock
@ApplicationScoped
public class MockKubernetesClients implements KubernetesClients {

    private MockCluster cluster;

    public synchronized MockCluster cluster() {
        if (cluster == null) {
            cluster = new MockCluster();
        }
        return cluster;
    }

    @Override
    public KubernetesClient client(String name, ClusterTarget target) {
        return cluster().client();
    }
}
