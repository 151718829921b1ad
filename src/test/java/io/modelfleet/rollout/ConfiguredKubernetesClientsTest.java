package io.modelfleet.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.rollout.kube.ConfiguredKubernetesClients;
import io.modelfleet.rollout.mock.MockCluster;
import org.junit.jupiter.api.Test;

class ConfiguredKubernetesClientsTest {

    @Test
    void inClusterContextUsesTheApplicationsClientAndApiServerTargetsGetTheirOwn() throws Exception {
        try (MockCluster mock = new MockCluster()) {
            ConfiguredKubernetesClients clients = new ConfiguredKubernetesClients(mock::client);
            ClusterTarget inCluster = new ClusterTarget(TargetType.KUBERNETES, "in-cluster", null, null, null, null);
            assertSame(mock.client(), clients.client("home", inCluster));
            ClusterTarget remote = new ClusterTarget(TargetType.KUBERNETES, null, "https://api.remote.example:6443",
                    null, null, null);
            KubernetesClient built = clients.client("remote", remote);
            assertNotSame(mock.client(), built);
            assertEquals("https://api.remote.example:6443/", built.getConfiguration().getMasterUrl());
            assertSame(built, clients.client("remote", remote), "one client per cluster, reused");
        }
    }
}
