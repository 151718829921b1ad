package io.modelfleet.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelfleet.cloud.aws.AwsErrors;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.rollout.engine.TargetFailure;
import io.modelfleet.rollout.engine.TargetFailures;
import io.modelfleet.rollout.kube.ConfiguredKubernetesClients;
import io.modelfleet.rollout.kube.Kubeconfig;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Rollout reasons and AWS status lines reach viewers: they never carry the hosts, addresses or ports called. */
class WithheldDetailsTest {

    private static final String REF = " \\(%s; details in the server log, ref [0-9a-f]{8}\\)";

    @TempDir
    Path home;

    @Test
    void aRefusedConnectionToAClusterIsReportedWithoutItsAddressOrPort() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> environment = Map.of("MODELFLEET_CLUSTER_R", "secret-token");
        ConfiguredKubernetesClients clients = new ConfiguredKubernetesClients(() -> null, () -> null, () -> null,
                Kubeconfig.locate(Optional.empty(), environment::get, home), environment::get, Duration.ofSeconds(3));
        KubernetesClient client = clients.client("prod", new ClusterTarget(TargetType.KUBERNETES, null,
                "https://127.0.0.1:" + closedPort, "serving", "env:MODELFLEET_CLUSTER_R", null));
        TargetFailure failure = TargetFailures.classify(assertThrows(RuntimeException.class,
                () -> client.apps().deployments().inNamespace("serving").withName("x").get()));
        assertTrue(failure.retryable());
        assertTrue(failure.getMessage().matches("Kubernetes API unreachable" + REF.formatted("\\w+")),
                failure.getMessage());
        assertFalse(failure.getMessage().contains(Integer.toString(closedPort)), failure.getMessage());
        assertFalse(failure.getMessage().contains("127.0.0.1"), failure.getMessage());
    }

    @Test
    void anIoFailureDeepInsideIsNamedByItsTypeOnly() {
        TargetFailure failure = TargetFailures.classify(new IllegalStateException("wrapped",
                new ConnectException("Connection refused: api.internal/10.1.2.3:6443")));
        assertTrue(failure.getMessage().matches("Kubernetes API unreachable" + REF.formatted("ConnectException")),
                failure.getMessage());
    }

    @Test
    void anUnreachableAwsEndpointIsNotNamed() {
        String line = AwsErrors.describe(SdkClientException.create("Unable to execute HTTP request: Connect to"
                + " ec2.us-east-1.amazonaws.com:443 [ec2.us-east-1.amazonaws.com/10.0.0.7] failed"));
        assertTrue(line.matches("AWS could not be reached" + REF.formatted("SdkClientException")), line);
        assertEquals("IllegalStateException: no prices", AwsErrors.describe(new IllegalStateException("no prices")),
                "our own failures keep their text");
    }

    @Test
    void aKubernetesStatusMessageKeepsItsObjectNamesButLosesAddressesAndUrls() {
        TargetFailure failure = TargetFailures.classify(new KubernetesClientException(new StatusBuilder()
                .withCode(500).withMessage("Internal error occurred: failed calling webhook \"v.example.io\": Post"
                        + " \"https://hook.ns.svc:443/validate?timeout=10s\": dial tcp 10.96.0.5:443: connect:"
                        + " connection refused; also [fd00::5]:8443 and fe80::1:2:3 at 12:34:56")
                .build()));
        assertEquals("Kubernetes API answered 500 (Internal error occurred: failed calling webhook"
                + " \"v.example.io\": Post \"<url>\": dial tcp <address>: connect: connection refused; also"
                + " <address> and <address> at 12:34:56)", failure.getMessage());
    }
}
