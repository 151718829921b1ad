package io.modelfleet.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.rollout.engine.ReasonCode;
import io.modelfleet.rollout.engine.TargetFailure;
import io.modelfleet.rollout.engine.TargetFailures;
import io.modelfleet.rollout.kube.ConfiguredKubernetesClients;
import io.modelfleet.rollout.kube.Kubeconfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster client refuses to send a request while its API server's name resolves to a forbidden address, so a
 * name that passed validation and was re-pointed later (DNS rebinding) reaches nothing internal.
 */
class OutboundConnectGuardTest {

    @TempDir
    Path home;

    private ConfiguredKubernetesClients clients(Map<String, InetAddress[]> dns) {
        Map<String, String> environment = Map.of("MODELFLEET_CLUSTER_R", "secret-token");
        return new ConfiguredKubernetesClients(() -> null, () -> null, () -> null,
                Kubeconfig.locate(Optional.empty(), environment::get, home), environment::get, Duration.ofSeconds(3),
                new OutboundAddresses(host -> {
                    InetAddress[] found = dns.get(host);
                    if (found == null) {
                        throw new UnknownHostException(host);
                    }
                    return found;
                }));
    }

    @Test
    void aNameThatNowResolvesToLoopbackIsRefusedBeforeAnyRequestGoesOut() throws Exception {
        ConfiguredKubernetesClients clients = clients(Map.of("api.rebound.example",
                new InetAddress[] {InetAddress.getByName("127.0.0.1")}));
        KubernetesClient client = clients.client("prod", new ClusterTarget(TargetType.KUBERNETES, null,
                "https://api.rebound.example:6443", "serving", "env:MODELFLEET_CLUSTER_R", null));
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> client.apps().deployments().inNamespace("serving").withName("x").get());
        TargetFailure failure = TargetFailures.classify(thrown);
        assertEquals(ReasonCode.TARGET_MISCONFIGURED, failure.code());
        assertEquals(false, failure.retryable());
        assertEquals("cluster prod: target.apiServer host api.rebound.example resolves to a loopback address; only"
                + " an admin may point a target there, by writing the address itself", failure.getMessage());
    }

    @Test
    void aNameWithOneAddressAtTheIpv6MetadataServiceIsRefusedToo() throws Exception {
        ConfiguredKubernetesClients clients = clients(Map.of("api.rebound.example",
                new InetAddress[] {InetAddress.getByName("10.0.0.8"), InetAddress.getByName("fd00:ec2::254")}));
        KubernetesClient client = clients.client("prod", new ClusterTarget(TargetType.KUBERNETES, null,
                "https://api.rebound.example:6443", "serving", "env:MODELFLEET_CLUSTER_R", null));
        TargetFailure failure = TargetFailures.classify(assertThrows(RuntimeException.class,
                () -> client.apps().deployments().inNamespace("serving").withName("x").get()));
        assertEquals("cluster prod: target.apiServer host api.rebound.example resolves to the cloud metadata"
                + " address; only an admin may point a target there, by writing the address itself",
                failure.getMessage());
    }
}
