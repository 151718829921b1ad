package io.modelfleet.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.cloud.aws.EksCatalog;
import io.modelfleet.cloud.aws.EksTokens;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.rollout.kube.ConfiguredKubernetesClients;
import io.modelfleet.rollout.mock.MockCluster;
import org.junit.jupiter.api.Test;

class ConfiguredKubernetesClientsTest {

    @Test
    void inClusterContextUsesTheApplicationsClientAndApiServerTargetsGetTheirOwn() throws Exception {
        try (MockCluster mock = new MockCluster()) {
            ConfiguredKubernetesClients clients = new ConfiguredKubernetesClients(mock::client, () -> null,
                    () -> null);
            ClusterTarget inCluster = new ClusterTarget(TargetType.KUBERNETES, "in-cluster", null, null, null, null);
            assertSame(mock.client(), clients.client("home", inCluster));
            ClusterTarget remote = new ClusterTarget(TargetType.KUBERNETES, null, "https://api.remote.example:6443",
                    null, null, null);
            KubernetesClient built = clients.client("remote", remote);
            assertNotSame(mock.client(), built);
            assertEquals("https://api.remote.example:6443/", built.getConfiguration().getMasterUrl());
            assertSame(built, clients.client("remote", remote), "one client per cluster, reused");
            ClusterTarget moved = new ClusterTarget(TargetType.KUBERNETES, null, "https://api.moved.example:6443",
                    null, null, null);
            KubernetesClient rebuilt = clients.client("remote", moved);
            assertNotSame(built, rebuilt, "a changed target gets a new client");
            assertEquals("https://api.moved.example:6443/", rebuilt.getConfiguration().getMasterUrl());
        }
    }

    @Test
    void eksTargetsGetEndpointAndCaFromEksAndAPresignedToken() {
        EksCatalog catalog = new EksCatalog(null) {
            @Override
            public EksCluster cluster(String region, String name) {
                return new EksCluster(name, region, "https://ABC.gr7.us-east-1.eks.amazonaws.com", "Q0EtREFUQQ==",
                        java.util.List.of());
            }
        };
        EksTokens tokens = new EksTokens(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKID", "secret")),
                java.time.Clock.systemUTC());
        ConfiguredKubernetesClients clients = new ConfiguredKubernetesClients(() -> null, () -> catalog,
                () -> tokens);
        ClusterTarget target = new ClusterTarget(TargetType.KUBERNETES, null,
                "https://ABC.gr7.us-east-1.eks.amazonaws.com", null, "eks:us-east-1/prod", null);
        KubernetesClient client = clients.client("prod", target);
        assertEquals("https://ABC.gr7.us-east-1.eks.amazonaws.com/", client.getConfiguration().getMasterUrl());
        assertEquals("Q0EtREFUQQ==", client.getConfiguration().getCaCertData());
        String token = client.getConfiguration().getOauthTokenProvider().getToken();
        org.junit.jupiter.api.Assertions.assertTrue(token.startsWith("k8s-aws-v1."), token);
        client.close();
    }
}
