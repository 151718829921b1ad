package io.modelfleet.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.cloud.aws.EksCatalog;
import io.modelfleet.cloud.aws.EksTokens;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.rollout.kube.ConfiguredKubernetesClients;
import io.modelfleet.rollout.kube.Kubeconfig;
import io.modelfleet.rollout.kube.TargetConfigurationException;
import io.modelfleet.rollout.mock.MockCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Invariant 5 against real Fabric8 clients and two mock API servers: a kubeconfig with contexts {@code a} and
 * {@code b}, current context {@code a}. A target reaches exactly the cluster it names, and anything missing is
 * a {@link TargetConfigurationException} that reaches no server at all. The servers are started once (they take
 * seconds each) and their request logs cleared before every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfiguredKubernetesClientsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(7);

    @TempDir
    Path dir;
    private MockCluster a;
    private MockCluster b;
    private MockCluster home;
    private Path kubeconfigFile;

    @BeforeAll
    void start() {
        a = new MockCluster();
        b = new MockCluster();
        home = new MockCluster();
    }

    @BeforeEach
    void aKubeconfigWhoseCurrentContextIsA() throws IOException {
        a.dispatcher().clearRequests();
        b.dispatcher().clearRequests();
        home.dispatcher().clearRequests();
        kubeconfigFile = dir.resolve("kubeconfig");
        Files.writeString(kubeconfigFile, """
                apiVersion: v1
                kind: Config
                current-context: a
                clusters:
                - name: cluster-a
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                - name: cluster-b
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                - name: user-a
                  user: {token: token-a}
                - name: user-b
                  user: {token: token-b}
                - name: user-nothing
                  user: {}
                contexts:
                - name: a
                  context: {cluster: cluster-a, user: user-a}
                - name: b
                  context: {cluster: cluster-b, user: user-b}
                - name: anonymous
                  context: {cluster: cluster-b}
                - name: unknown-user
                  context: {cluster: cluster-b, user: user-z}
                - name: unknown-cluster
                  context: {cluster: cluster-z, user: user-b}
                - name: no-credentials
                  context: {cluster: cluster-b, user: user-nothing}
                """.formatted(a.client().getMasterUrl(), b.client().getMasterUrl()));
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
        home.close();
    }

    private ConfiguredKubernetesClients clients(Map<String, String> environment) {
        return new ConfiguredKubernetesClients(home::client, () -> null, () -> null,
                Kubeconfig.locate(Optional.of(kubeconfigFile), environment::get, dir), environment::get, TIMEOUT);
    }

    private static ClusterTarget context(String context) {
        return new ClusterTarget(TargetType.KUBERNETES, context, null, "serving", null, null);
    }

    private static ClusterTarget apiServer(String url, String credentialsRef) {
        return new ClusterTarget(TargetType.KUBERNETES, null, url, "serving", credentialsRef, null);
    }

    private static Deployment deployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("serving").endMetadata()
                .withNewSpec().withReplicas(1).endSpec().build();
    }

    private int requestsReaching(MockCluster cluster) {
        return cluster.dispatcher().requests().size();
    }

    @Test
    void aTargetNamingContextBLandsItsObjectsOnBAndSendsNothingToTheCurrentContext() {
        RolloutTargets targets = new RolloutTargets(clients(Map.of()), dir.resolve("gitops"));
        targets.forCluster("prod", context("b")).apply(deployment("resnet"));

        assertEquals(0, requestsReaching(a), "the current context's server got " + a.dispatcher().requests());
        assertEquals(List.of("GET /apis/apps/v1/namespaces/serving/deployments/resnet",
                "PATCH /apis/apps/v1/namespaces/serving/deployments/resnet?fieldManager=modelfleet"
                + "&force=true application/apply-patch+yaml"), b.dispatcher().requests());
        assertEquals("resnet", b.client().apps().deployments().inNamespace("serving").withName("resnet").get()
                .getMetadata().getName());
        assertEquals(List.of(), a.client().apps().deployments().inAnyNamespace().list().getItems());
    }

    @Test
    void aContextClientCarriesThatContextsServerAndUser() {
        KubernetesClient client = clients(Map.of()).client("prod", context("b"));
        assertEquals(b.client().getMasterUrl().toString(), client.getConfiguration().getMasterUrl());
        assertEquals("token-b", client.getConfiguration().getOauthTokenProvider().getToken());
        assertEquals("b", client.getConfiguration().getCurrentContext().getName());
    }

    @Test
    void anUnknownContextIsAnErrorNamingItAndTheContextsThatExistAndReachesNoServer() {
        RolloutTargets targets = new RolloutTargets(clients(Map.of()), dir.resolve("gitops"));
        TargetConfigurationException e = assertThrows(TargetConfigurationException.class,
                () -> targets.forCluster("prod", context("c")));
        assertEquals("cluster prod: context 'c' is not in kubeconfig " + kubeconfigFile
                + " (modelfleet.rollout.kubeconfig); it has 'a', 'b', 'anonymous', 'unknown-user', 'unknown-cluster',"
                + " 'no-credentials'", e.getMessage());
        assertEquals("prod", e.cluster());
        assertEquals(0, requestsReaching(a));
        assertEquals(0, requestsReaching(b));
        assertEquals(0, requestsReaching(home), "not the control plane's own cluster either");
    }

    @Test
    void aMissingKubeconfigIsAnErrorNamingThePathAndTheSettingThatChoseIt() {
        ClusterTarget target = context("b");
        Path missing = dir.resolve("nowhere.yaml");
        var configured = new ConfiguredKubernetesClients(home::client, () -> null, () -> null,
                Kubeconfig.locate(Optional.of(missing), v -> null, dir), v -> null, TIMEOUT);
        assertEquals("cluster prod: kubeconfig " + missing + " (modelfleet.rollout.kubeconfig) does not exist",
                assertThrows(TargetConfigurationException.class, () -> configured.client("prod", target))
                        .getMessage());
        var fromVariable = new ConfiguredKubernetesClients(home::client, () -> null, () -> null,
                Kubeconfig.locate(Optional.empty(), Map.of("KUBECONFIG", missing.toString())::get, dir), v -> null,
                TIMEOUT);
        assertEquals("cluster prod: kubeconfig " + missing + " ($KUBECONFIG) does not exist",
                assertThrows(TargetConfigurationException.class, () -> fromVariable.client("prod", target))
                        .getMessage());
        var fromHome = new ConfiguredKubernetesClients(home::client, () -> null, () -> null,
                Kubeconfig.locate(Optional.empty(), v -> null, dir), v -> null, TIMEOUT);
        assertEquals("cluster prod: kubeconfig " + dir.resolve(".kube/config") + " (the default ~/.kube/config)"
                + " does not exist",
                assertThrows(TargetConfigurationException.class, () -> fromHome.client("prod", target))
                        .getMessage());
        assertEquals(0, requestsReaching(home), "no fallback to the control plane's service account");
    }

    @Test
    void aKubeconfigListOfSeveralFilesIsRefusedRatherThanMerged() {
        String list = kubeconfigFile + java.io.File.pathSeparator + dir.resolve("other");
        var clients = new ConfiguredKubernetesClients(home::client, () -> null, () -> null,
                Kubeconfig.locate(Optional.empty(), Map.of("KUBECONFIG", list)::get, dir), v -> null, TIMEOUT);
        assertEquals("cluster prod: $KUBECONFIG lists several files (" + list + "); set"
                + " modelfleet.rollout.kubeconfig to the one file ModelFleet should read",
                assertThrows(TargetConfigurationException.class, () -> clients.client("prod", context("b")))
                        .getMessage());
    }

    @Test
    void aContextWithoutItsClusterUserOrCredentialsIsAnError() {
        ConfiguredKubernetesClients clients = clients(Map.of());
        String file = "kubeconfig " + kubeconfigFile + " (modelfleet.rollout.kubeconfig)";
        Map<String, String> expected = Map.of(
                "anonymous", "cluster prod: context 'anonymous' of " + file
                        + " names no user, and ModelFleet does not connect anonymously",
                "unknown-user", "cluster prod: context 'unknown-user' of " + file
                        + " names user 'user-z', which the file does not define",
                "unknown-cluster", "cluster prod: context 'unknown-cluster' of " + file
                        + " names cluster 'cluster-z', which the file does not define",
                "no-credentials", "cluster prod: user 'user-nothing' of context 'no-credentials' in " + file
                        + " has no credentials (token, client certificate and key, username and password, exec or"
                        + " auth-provider)");
        expected.forEach((context, message) -> assertEquals(message, assertThrows(
                TargetConfigurationException.class, () -> clients.client("prod", context(context))).getMessage()));
        assertEquals(0, requestsReaching(a) + requestsReaching(b) + requestsReaching(home));
    }

    @Test
    void aContextRemovedFromTheKubeconfigIsAnErrorOnTheNextReadWhereFabric8WouldFallBackToTheCurrentContext()
            throws IOException {
        Kubeconfig kubeconfig = Kubeconfig.locate(Optional.of(kubeconfigFile), v -> null, dir);
        assertEquals("token-b", kubeconfig.context("prod", "b").getAutoOAuthToken());
        Files.writeString(kubeconfigFile, Files.readString(kubeconfigFile).replace("- name: b\n", "- name: b2\n"));
        // What the reported bug did: Fabric8's own loading quietly resolves the current context instead.
        assertEquals("a", Config.fromKubeconfig("b", kubeconfigFile.toFile()).getCurrentContext().getName());
        // What a client's token re-read (once a minute) and every new client do instead.
        assertEquals("cluster prod: context 'b' is not in kubeconfig " + kubeconfigFile
                + " (modelfleet.rollout.kubeconfig); it has 'a', 'b2', 'anonymous', 'unknown-user',"
                + " 'unknown-cluster', 'no-credentials'", assertThrows(TargetConfigurationException.class,
                        () -> kubeconfig.context("prod", "b")).getMessage());
    }

    @Test
    void anUnsetEnvironmentReferenceIsAnErrorAndReachesNoServer() {
        ClusterTarget target = apiServer(b.client().getMasterUrl().toString(), "env:MODELFLEET_CLUSTER_B");
        assertEquals("cluster prod: target.credentialsRef env:MODELFLEET_CLUSTER_B: environment variable"
                + " MODELFLEET_CLUSTER_B is not set", assertThrows(TargetConfigurationException.class,
                        () -> clients(Map.of()).client("prod", target)).getMessage());
        assertEquals(0, requestsReaching(b));
        KubernetesClient client = clients(Map.of("MODELFLEET_CLUSTER_B", "s3cret\n")).client("prod", target);
        assertEquals("s3cret", client.getConfiguration().getOauthTokenProvider().getToken());
    }

    @Test
    void fileAndSecretReferencesThatDoNotResolveAreErrorsNamingThem() throws IOException {
        ConfiguredKubernetesClients clients = clients(Map.of());
        String url = b.client().getMasterUrl().toString();
        Path missing = dir.resolve("cluster-token");
        assertEquals("cluster prod: target.credentialsRef file:" + missing + ": file " + missing
                + " does not exist", assertThrows(TargetConfigurationException.class,
                        () -> clients.client("prod", apiServer(url, "file:" + missing))).getMessage());
        assertEquals("cluster prod: target.credentialsRef secret:modelfleet/modelfleet-cluster-b: Secret"
                + " modelfleet/modelfleet-cluster-b does not exist in the cluster the control plane runs in",
                assertThrows(TargetConfigurationException.class, () -> clients.client("prod",
                        apiServer(url, "secret:modelfleet/modelfleet-cluster-b"))).getMessage());

        home.client().secrets().inNamespace("modelfleet").resource(new SecretBuilder().withNewMetadata()
                .withName("modelfleet-cluster-b").endMetadata()
                .withData(Map.of("token", Base64.getEncoder().encodeToString("from-secret".getBytes(
                        StandardCharsets.UTF_8)))).build()).create();
        KubernetesClient client = clients.client("prod", apiServer(url, "secret:modelfleet/modelfleet-cluster-b"));
        assertEquals("from-secret", client.getConfiguration().getOauthTokenProvider().getToken());
        assertEquals(0, requestsReaching(b), "the Secret is read from the control plane's own cluster only");
    }

    @Test
    void anApiServerWithoutCredentialsOrBesideAContextIsAnError() {
        ConfiguredKubernetesClients clients = clients(Map.of("MODELFLEET_CLUSTER_B", "t"));
        String url = b.client().getMasterUrl().toString();
        assertEquals("cluster prod: apiServer " + url + " has no target.credentialsRef; ModelFleet does not"
                + " connect anonymously", assertThrows(TargetConfigurationException.class,
                        () -> clients.client("prod", apiServer(url, null))).getMessage());
        ClusterTarget both = new ClusterTarget(TargetType.KUBERNETES, "a", url, null, "env:MODELFLEET_CLUSTER_B",
                null);
        assertEquals("cluster prod: the target names context 'a' and also apiServer " + url + "; a context brings"
                + " its own server and credentials, so name either a context or an apiServer with its"
                + " credentialsRef", assertThrows(TargetConfigurationException.class,
                        () -> clients.client("prod", both)).getMessage());
        assertEquals(0, requestsReaching(a) + requestsReaching(b));
    }

    @Test
    void inClusterContextUsesTheApplicationsClientAndApiServerTargetsGetTheirOwn() {
        ConfiguredKubernetesClients clients = clients(Map.of("MODELFLEET_CLUSTER_R", "t"));
        assertSame(home.client(), clients.client("home", context(ClusterTarget.IN_CLUSTER)));
        ClusterTarget remote = apiServer("https://api.remote.example:6443", "env:MODELFLEET_CLUSTER_R");
        KubernetesClient built = clients.client("remote", remote);
        assertNotSame(home.client(), built);
        assertEquals("https://api.remote.example:6443/", built.getConfiguration().getMasterUrl());
        assertSame(built, clients.client("remote", remote), "one client per cluster, reused");
        KubernetesClient rebuilt = clients.client("remote", apiServer("https://api.moved.example:6443",
                "env:MODELFLEET_CLUSTER_R"));
        assertNotSame(built, rebuilt, "a changed target gets a new client");
        assertEquals("https://api.moved.example:6443/", rebuilt.getConfiguration().getMasterUrl());
    }

    @Test
    void everyBuiltClientHasTheConfiguredTimeoutsAndNoClientSideRetries() {
        ConfiguredKubernetesClients clients = clients(Map.of("MODELFLEET_CLUSTER_B", "t"));
        for (KubernetesClient client : List.of(clients.client("by-context", context("b")), clients.client(
                "by-url", apiServer(b.client().getMasterUrl().toString(), "env:MODELFLEET_CLUSTER_B")))) {
            Config config = client.getConfiguration();
            assertEquals(7000, config.getConnectionTimeout());
            assertEquals(7000, config.getRequestTimeout());
            assertEquals(0, config.getRequestRetryBackoffLimit());
        }
    }

    @Test
    void aServerThatDoesNotAnswerFailsTheCallWithinTheRequestTimeout() throws IOException {
        var silent = new io.fabric8.kubernetes.client.server.mock.KubernetesMockServer(true);
        silent.init();
        try {
            silent.expect().get().delay(5, java.util.concurrent.TimeUnit.SECONDS)
                    .withPath("/apis/apps/v1/namespaces/serving/deployments/resnet")
                    .andReturn(200, deployment("resnet")).always();
            Files.writeString(kubeconfigFile, Files.readString(kubeconfigFile)
                    .replace(b.client().getMasterUrl().toString(), silent.url("/")));
            var clients = new ConfiguredKubernetesClients(home::client, () -> null, () -> null,
                    Kubeconfig.locate(Optional.of(kubeconfigFile), v -> null, dir), v -> null, Duration.ofMillis(500));
            KubernetesClient client = clients.client("slow", context("b"));
            long start = System.nanoTime();
            assertThrows(RuntimeException.class,
                    () -> client.apps().deployments().inNamespace("serving").withName("resnet").get());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 3000, "the call took " + millis + " ms with a 500 ms request timeout");
        } finally {
            silent.destroy();
        }
    }

    @Test
    void eksTargetsGetEndpointAndCaFromEksAndAPresignedToken() {
        EksCatalog catalog = new EksCatalog(null) {
            @Override
            public EksCluster cluster(String region, String name) {
                return new EksCluster(name, region, "https://ABC.gr7.us-east-1.eks.amazonaws.com", "Q0EtREFUQQ==",
                        List.of());
            }
        };
        EksTokens tokens = new EksTokens(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID",
                "secret")), Clock.systemUTC());
        ConfiguredKubernetesClients clients = new ConfiguredKubernetesClients(() -> null, () -> catalog,
                () -> tokens, Kubeconfig.locate(Optional.of(kubeconfigFile), v -> null, dir), v -> null, TIMEOUT);
        KubernetesClient client = clients.client("prod", apiServer("https://ABC.gr7.us-east-1.eks.amazonaws.com",
                "eks:us-east-1/prod"));
        assertEquals("https://ABC.gr7.us-east-1.eks.amazonaws.com/", client.getConfiguration().getMasterUrl());
        assertEquals("Q0EtREFUQQ==", client.getConfiguration().getCaCertData());
        String token = client.getConfiguration().getOauthTokenProvider().getToken();
        assertTrue(token.startsWith("k8s-aws-v1."), token);
        assertEquals(7000, client.getConfiguration().getRequestTimeout());

        assertEquals("cluster other: apiServer https://api.elsewhere.example is not the endpoint of EKS cluster"
                + " us-east-1/prod (https://ABC.gr7.us-east-1.eks.amazonaws.com)",
                assertThrows(TargetConfigurationException.class, () -> clients.client("other",
                        apiServer("https://api.elsewhere.example", "eks:us-east-1/prod"))).getMessage());
    }
}
