package io.modelfleet.rollout.mock;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;

/**
 * One mock API server with the applying dispatcher and a small test controller: the mock has no controllers, so
 * {@link #reconcile()} plays the Deployment controller, bringing every Deployment's status to its spec — except
 * in namespaces told to stall (replicas never become available) — one replica per call when {@code gradual}.
 */
public final class MockCluster implements AutoCloseable {

    private final ApplyingCrudDispatcher dispatcher = new ApplyingCrudDispatcher();
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Set<String> stalled = new HashSet<>();
    private boolean gradual;

    public MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, true);
        server.init();
        client = server.createClient();
    }

    public KubernetesClient client() {
        return client;
    }

    public ApplyingCrudDispatcher dispatcher() {
        return dispatcher;
    }

    public void stall(String namespace) {
        stalled.add(namespace);
    }

    public void gradual(boolean oneReplicaPerReconcile) {
        this.gradual = oneReplicaPerReconcile;
    }

    /** Advances every Deployment's status one controller pass. */
    public void reconcile() {
        for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
            String ns = d.getMetadata().getNamespace();
            long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
            int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            var s = d.getStatus();
            int available = s == null || s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
            long observed = s == null || s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
            int updated = s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
            if (observed < generation) {
                updated = 0;
            }
            int nextUpdated = stalled.contains(ns) ? 0 : gradual ? Math.min(wanted, updated + 1) : wanted;
            int nextAvailable = stalled.contains(ns) ? Math.min(available, wanted) : gradual
                    ? Math.min(wanted, Math.max(available, nextUpdated)) : wanted;
            int pods = s == null || s.getReplicas() == null ? 0 : s.getReplicas();
            if (observed == generation && available == nextAvailable && updated == nextUpdated && pods == wanted) {
                continue;
            }
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(wanted)
                    .withUpdatedReplicas(nextUpdated).withAvailableReplicas(nextAvailable)
                    .withReadyReplicas(nextAvailable).build());
            client.resource(d).updateStatus();
        }
    }

    /** Available replicas over all Deployments of a ModelFleet deployment in a namespace. */
    public int available(String namespace, String deployment) {
        return client.apps().deployments().inNamespace(namespace).withLabel("modelfleet.io/deployment", deployment)
                .list().getItems().stream().mapToInt(d -> d.getStatus() == null
                        || d.getStatus().getAvailableReplicas() == null ? 0 : d.getStatus().getAvailableReplicas())
                .sum();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
