package io.modelfleet.rollout.mock;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One mock API server with the applying dispatcher, a Deployment controller that does the real one's arithmetic
 * ({@link DeploymentController}; the mock has no controllers), and a Fabric8 client made for fault tests.
 *
 * <p>The client: every request times out after {@link #REQUEST_TIMEOUT} (2 s; Fabric8's default is 10 s, too long
 * for a test to wait out), and Fabric8's own retry of 429/5xx/I-O failures is off, so an injected fault reaches the
 * code under test instead of being absorbed by the client. It connects through a relay ({@link ResettingProxy})
 * so that {@link Fault#RESET} can reset connections.
 *
 * <p>{@link #reconcile()} is one controller pass. Pods become ready after {@link #readyDelay(int)} passes (0 by
 * default: ready in the pass that created them); {@link #gradual(boolean)} is readyDelay 1 or 0.
 */
public final class MockCluster implements AutoCloseable {

    /** The client's request timeout; {@link Fault#TIMEOUT} answers only well after it. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final ApplyingCrudDispatcher dispatcher = new ApplyingCrudDispatcher();
    private final DeploymentController controller = new DeploymentController();
    private final KubernetesMockServer server;
    private final ResettingProxy proxy;
    private final KubernetesClient client;

    public MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new java.util.HashMap<>(), dispatcher,
                true) {
            @Override
            protected Config initConfig() {
                return new ConfigBuilder(super.initConfig()).withMasterUrl("https://localhost:" + proxy.port() + "/")
                        .withRequestTimeout((int) REQUEST_TIMEOUT.toMillis())
                        .withConnectionTimeout((int) REQUEST_TIMEOUT.toMillis())
                        .withRequestRetryBackoffLimit(0).build();
            }
        };
        server.init();
        try {
            proxy = new ResettingProxy(server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("the relay in front of the mock API server did not start", e);
        }
        dispatcher.onReset(proxy::resetAll);
        client = server.createClient();
        warmUp();
        dispatcher.clearRequests();
        dispatcher.resetFaults();
    }

    /**
     * Requests until one is answered, so that the first TLS handshake of a cold JVM on a busy machine (seconds) is
     * not timed against a test's first request; the log and the request count forget these afterwards.
     */
    private void warmUp() {
        for (int attempt = 1;; attempt++) {
            try {
                client.namespaces().list();
                return;
            } catch (KubernetesClientException e) {
                if (attempt == 5) {
                    throw new IllegalStateException("the mock API server did not answer 5 requests in "
                            + REQUEST_TIMEOUT.toSeconds() + " s each", e);
                }
            }
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public ApplyingCrudDispatcher dispatcher() {
        return dispatcher;
    }

    public DeploymentController controller() {
        return controller;
    }

    /** Pods of {@code namespace} that are not ready yet never become ready. */
    public void stall(String namespace) {
        controller.stall(namespace);
    }

    /** Pods created from now on become ready one pass after they were created (true) or in the same pass. */
    public void gradual(boolean oneReplicaPerReconcile) {
        controller.readyDelay(oneReplicaPerReconcile ? 1 : 0);
    }

    public void readyDelay(int passes) {
        controller.readyDelay(passes);
    }

    /** Pods whose image contains {@code imageSubstring} never become ready. */
    public void breakImage(String imageSubstring) {
        controller.breakImage(imageSubstring);
    }

    /** One Deployment controller pass over every Deployment in the server; statuses are written where changed. */
    public void reconcile() {
        List<Deployment> all = dispatcher.storedDeployments();
        List<DeploymentStatus> statuses = controller.pass(all);
        for (int i = 0; i < all.size(); i++) {
            Deployment d = all.get(i);
            if (!Objects.equals(statuses.get(i), d.getStatus())) {
                dispatcher.storeStatus(d.getMetadata().getNamespace(), d.getMetadata().getName(), statuses.get(i));
            }
        }
    }

    /** Available replicas (from status) over all Deployments of a ModelFleet deployment in a namespace. */
    public int available(String namespace, String deployment) {
        return dispatcher.storedDeployments().stream()
                .filter(d -> namespace.equals(d.getMetadata().getNamespace()))
                .filter(d -> d.getMetadata().getLabels() != null
                        && deployment.equals(d.getMetadata().getLabels().get("modelfleet.io/deployment")))
                .mapToInt(d -> d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0
                        : d.getStatus().getAvailableReplicas())
                .sum();
    }

    /** Every pod the controller runs in {@code namespace}, as of the last pass. */
    public List<PodView> pods(String namespace) {
        return controller.pods(namespace);
    }

    /** Available pods per Kubernetes Deployment (workload) in {@code namespace}, workloads with none included. */
    public Map<String, Integer> availableByWorkload(String namespace) {
        return pods(namespace).stream().collect(Collectors.groupingBy(PodView::workload, TreeMap::new,
                Collectors.summingInt(p -> p.available() ? 1 : 0)));
    }

    /** Available pods of {@code workload} running {@code image}: mid-rollout old pods still run the old image. */
    public int availableRunning(String namespace, String workload, String image) {
        return (int) pods(namespace).stream().filter(p -> p.available() && p.workload().equals(workload)
                && p.image().equals(image)).count();
    }

    /** Available pods of {@code workload} per value of the environment variable {@code env} (e.g. MODEL_VARIANT_ID). */
    public Map<String, Integer> availableByEnv(String namespace, String workload, String env) {
        return pods(namespace).stream().filter(p -> p.available() && p.workload().equals(workload))
                .collect(Collectors.groupingBy(p -> String.valueOf(p.env(env)), TreeMap::new,
                        Collectors.summingInt(p -> 1)));
    }

    /** Sum of {@code perReplica} over the available pods of {@code namespace}: the capacity serving right now. */
    public double availableCapacity(String namespace, ToDoubleFunction<PodView> perReplica) {
        return pods(namespace).stream().filter(PodView::available).mapToDouble(perReplica).sum();
    }

    @Override
    public void close() {
        client.close();
        proxy.close();
        server.destroy();
    }
}
