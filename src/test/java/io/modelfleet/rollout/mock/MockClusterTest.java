package io.modelfleet.rollout.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controller behind the mock API server: statuses the client reads, and capacity per running variant. */
class MockClusterTest {

    private static final Map<String, Double> RPS = Map.of("v1", 200.0, "v2", 300.0);

    private final MockCluster cluster = new MockCluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void midRolloutOldPodsServeTheOldVariantAndStatusIsWhatTheClientReads() {
        apply("v1");
        cluster.reconcile();
        assertEquals(Map.of("v1", 4), cluster.availableByEnv("ns", "web", "MODEL_VARIANT_ID"));
        cluster.readyDelay(1);
        apply("v2");
        cluster.reconcile();
        DeploymentStatus s = cluster.client().apps().deployments().inNamespace("ns").withName("web").get().getStatus();
        assertEquals(List.of(2L, 5, 1, 4, 1), List.of(s.getObservedGeneration(), s.getReplicas(),
                s.getUpdatedReplicas(), s.getAvailableReplicas(), s.getUnavailableReplicas()));
        assertEquals(800.0, capacity(), "4 old pods at 200 rps; the new pod is not ready");
        cluster.reconcile();
        assertEquals(Map.of("v1", 3, "v2", 1), cluster.availableByEnv("ns", "web", "MODEL_VARIANT_ID"));
        assertEquals(900.0, capacity());
        assertEquals(3, cluster.availableRunning("ns", "web", "server:v1"));
        assertEquals(4, cluster.available("ns", "fleet-a"));
        cluster.client().apps().deployments().inNamespace("ns").withName("web").delete();
        cluster.reconcile();
        assertEquals(Map.of(), cluster.availableByWorkload("ns"), "a deleted Deployment's pods are gone at once");
    }

    private double capacity() {
        return cluster.availableCapacity("ns", p -> RPS.get(p.env("MODEL_VARIANT_ID")));
    }

    private void apply(String variant) {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("ns")
                .withLabels(Map.of("modelfleet.io/deployment", "fleet-a")).endMetadata()
                .withNewSpec().withReplicas(4)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString(1))
                .withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
                .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().addNewContainer().withName("server").withImage("server:" + variant)
                .addNewEnv().withName("MODEL_VARIANT_ID").withValue(variant).endEnv().endContainer().endSpec()
                .endTemplate().endSpec().build();
        cluster.client().resource(d).fieldManager("test").forceConflicts().serverSideApply();
    }
}
