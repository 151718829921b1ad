package io.modelfleet.rollout.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test cluster's Deployment controller against sequences worked out by hand from the Kubernetes controller's
 * rules. Each pass is shown as (old pods, new pods, available pods) after it.
 */
class DeploymentControllerTest {

    private final DeploymentController controller = new DeploymentController();
    private Deployment d;
    private long generation;

    @Test
    void surgeOneUnavailableZeroAddsOneNewPodThenRemovesOneOldPodAndNeverDropsBelowDesired() {
        running(4, strategy(1, 0), "server:v1");
        controller.readyDelay(1);
        change(4, "server:v2");
        assertEquals(List.of("(4,1,4)", "(3,1,4)", "(3,2,4)", "(2,2,4)", "(2,3,4)", "(1,3,4)", "(1,4,4)", "(0,4,4)",
                "(0,4,4)"), passes(9));
    }

    @Test
    void maxUnavailableOneLetsAvailablePodsDipToDesiredMinusOne() {
        running(4, strategy(1, 1), "server:v1");
        controller.readyDelay(1);
        change(4, "server:v2");
        // Pass 1 creates the new ReplicaSet (1 pod, surge) and in the same sync removes one old pod (budget 1).
        assertEquals(List.of("(3,1,3)", "(3,2,4)", "(1,2,3)", "(1,4,3)", "(0,4,4)", "(0,4,4)"), passes(6));
    }

    @Test
    void inPlaceDecreaseWithANewTemplateShrinksTheOldPodsAtOnceBeforeAnyNewPodExists() {
        running(4, strategy(1, 0), "server:v1");
        controller.readyDelay(1);
        change(2, "server:v2");
        // A scaling event first: the lone old ReplicaSet goes 4 -> 2 in one pass, whatever capacity that loses.
        assertEquals(List.of("(2,0,2)", "(2,1,2)", "(1,1,2)", "(1,2,2)", "(0,2,2)"), passes(5));
    }

    @Test
    void aBrokenImageNeverBecomesReadyAndTheOldPodsStayUntilARollbackRemovesTheBrokenPod() {
        running(4, strategy(1, 0), "server:v1");
        controller.breakImage("broken");
        change(4, "server:broken");
        assertEquals(List.of("(4,1,4)", "(4,1,4)", "(4,1,4)", "(4,1,4)"), passes(4));
        change(4, "server:v1");
        // The old ReplicaSet is current again (same template hash); its unready rival is removed first.
        assertEquals(List.of("(0,4,4)"), passes(1));
        assertEquals(List.of("server:v1"), controller.pods("ns").stream().map(PodView::image).distinct().toList());
    }

    @Test
    void scaleOnlyChangeScalesTheReplicaSetDirectlyAndScaleDownRemovesUnreadyPodsThenTheNewest() {
        running(4, strategy(1, 0), "server:v1");
        controller.readyDelay(1);
        change(6, "server:v1");
        assertEquals(List.of("(0,6,4)"), passes(1), "no surge limit: two pods at once");
        change(3, "server:v1");
        assertEquals(List.of("(0,3,3)"), passes(1), "the two unready pods and the newest ready pod go");
        assertEquals(List.of("web-0", "web-1", "web-2"), controller.pods("ns").stream()
                .map(p -> p.workload() + "-" + p.name().substring(p.name().lastIndexOf('-') + 1)).toList());
    }

    @Test
    void replicasChangedMidRolloutAreSharedProportionallyAsKubernetesDocumentsIt() {
        // The Kubernetes docs' example: 10 replicas, maxSurge 3, maxUnavailable 2, stuck on a broken image with
        // 8 old and 5 new pods, then scaled to 15: 18 allowed, 5 to add, 3 go to the old and 2 to the new.
        running(10, strategy(3, 2), "server:v1");
        controller.breakImage("broken");
        change(10, "server:broken");
        assertEquals(List.of("(8,3,8)", "(8,5,8)", "(8,5,8)"), passes(3));
        change(15, "server:broken");
        assertEquals(List.of("(11,7,11)"), passes(1));
    }

    @Test
    void recreateRemovesEveryOldPodBeforeCreatingNewOnes() {
        running(3, new DeploymentStrategyBuilder().withType("Recreate").build(),
                "server:v1");
        controller.readyDelay(1);
        change(3, "server:v2");
        assertEquals(List.of("(0,0,0)", "(0,3,0)", "(0,3,3)"), passes(3));
    }

    @Test
    void stalledNamespaceKeepsReadyPodsAndNeverReadiesNewOnes() {
        running(2, strategy(1, 0), "server:v1");
        controller.stall("ns");
        change(2, "server:v2");
        assertEquals(List.of("(2,1,2)", "(2,1,2)"), passes(2));
    }

    @Test
    void statusCountsAllPodsUpdatedPodsReadyAndUnavailableAndObservesTheGeneration() {
        running(4, strategy(1, 0), "server:v1");
        controller.readyDelay(1);
        change(4, "server:v2");
        DeploymentStatus s = controller.pass(List.of(d)).get(0);
        assertEquals(List.of(2L, 5, 1, 4, 4, 1), List.of(s.getObservedGeneration(), s.getReplicas(),
                s.getUpdatedReplicas(), s.getReadyReplicas(), s.getAvailableReplicas(), s.getUnavailableReplicas()));
    }

    @Test
    void aDeletedDeploymentsPodsVanishAndARecreatedOneStartsFresh() {
        running(3, strategy(1, 0), "server:v1");
        controller.pass(List.of());
        assertEquals(List.of(), controller.pods("ns"));
        d.getMetadata().setUid("uid-2");
        controller.readyDelay(1);
        assertEquals(List.of("(0,3,0)", "(0,3,3)"), passes(2));
    }

    @Test
    void surgeRoundsUpUnavailableRoundsDownAndBothZeroMeansOneUnavailable() {
        assertEquals(new RollingBudget(false, 3, 2), RollingBudget.of(deployment(10, null, "i")));
        assertEquals(new RollingBudget(false, 1, 0), RollingBudget.of(deployment(1, null, "i")));
        assertEquals(new RollingBudget(false, 0, 1), RollingBudget.of(deployment(4, strategy(0, 0), "i")));
        assertEquals(new RollingBudget(false, 2, 3), RollingBudget.of(deployment(3, new
                DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString("50%")).withMaxUnavailable(new IntOrString(5)).endRollingUpdate()
                .build(), "i")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RollingBudget.of(deployment(3,
                new DeploymentStrategyBuilder().withNewRollingUpdate()
                        .withMaxSurge(new IntOrString("two")).endRollingUpdate().build(), "i")));
        assertEquals("ns/web maxSurge must be an integer or a percentage, was two", e.getMessage());
    }

    /** A Deployment of {@code replicas} pods of {@code image}, all ready after one pass with ready delay 0. */
    private void running(int replicas, DeploymentStrategy strategy,
            String image) {
        generation = 1;
        d = deployment(replicas, strategy, image);
        assertEquals(List.of("(0," + replicas + "," + replicas + ")"), passes(1));
    }

    private void change(int replicas, String image) {
        d.getSpec().setReplicas(replicas);
        d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        d.getMetadata().setGeneration(++generation);
    }

    private List<String> passes(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DeploymentStatus s = controller.pass(List.of(d)).get(0);
            out.add("(" + (s.getReplicas() - s.getUpdatedReplicas()) + "," + s.getUpdatedReplicas() + ","
                    + s.getAvailableReplicas() + ")");
        }
        return out;
    }

    private static DeploymentStrategy strategy(int surge, int unavailable) {
        return new DeploymentStrategyBuilder().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString(surge))
                .withMaxUnavailable(new IntOrString(unavailable)).endRollingUpdate().build();
    }

    private static Deployment deployment(int replicas, DeploymentStrategy strategy,
            String image) {
        return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("uid-1")
                .withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).withStrategy(strategy)
                .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().addNewContainer().withName("server").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
