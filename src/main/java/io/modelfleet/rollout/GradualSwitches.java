package io.modelfleet.rollout;

import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.rollout.engine.RolloutState.Gradual;
import io.modelfleet.rollout.kube.ObjectNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which hardware or precision switches of a plan must go gradually. A switch normally brings the new workload
 * up beside the old one, which needs room for both; when a pool cannot hold the plan's nodes plus the nodes the old
 * workloads still occupy until they are retired, waiting for the new workload's gate could never end. Such a switch
 * grows the new workload one replica per batch and shrinks the old one, after each batch passed its gate, to what
 * still covers the need beside it. Pure: plans and counts in, decisions out.
 *
 * <p>A disruption budget (design 006, I9) makes a switch gradual too: a deployment with a maximum batch below the
 * switch's replicas grows its new workload by at most that many replicas per batch, and its old one shrinks only to
 * what still covers the need. A pool without room for both goes one replica per batch whatever the budget.
 * Updates in place (same hardware and precision) need no cap: their rolling update already replaces one pod at a
 * time (maxSurge 1, maxUnavailable 0).
 *
 * <p>The room estimate is conservative: a node of the old plan counts as held if it carries any replica of a
 * deployment switching away from the pool, even if it also carries others. Overestimating only makes more switches
 * gradual, which is slower but never drops capacity.
 */
final class GradualSwitches {

    private GradualSwitches() {
    }

    /** What runs now for a deployment on a cluster, and the plan it came from. */
    record Running(String deployment, String cluster, String precision, String hardware, String pool,
            PlanResult plan) {
    }

    /** Key of the result: {@code cluster/deployment}. */
    static String key(String cluster, String deployment) {
        return cluster + "/" + deployment;
    }

    static Map<String, Gradual> decide(PlanResult planned, List<Deployment> deployments, List<Running> running,
            Map<String, Map<String, Integer>> maxNodesByClusterPool) {
        return decide(planned, deployments, running, maxNodesByClusterPool, Map.of());
    }

    /** As above, with at most {@code maxBatchByDeployment} new replicas per batch for the deployments it names. */
    static Map<String, Gradual> decide(PlanResult planned, List<Deployment> deployments, List<Running> running,
            Map<String, Map<String, Integer>> maxNodesByClusterPool, Map<String, Integer> maxBatchByDeployment) {
        Map<String, Running> now = new HashMap<>();
        running.forEach(r -> now.put(key(r.cluster(), r.deployment()), r));
        Map<String, Gradual> out = new HashMap<>();
        for (PlanResult.Placement p : planned.placements()) {
            Running before = now.get(key(p.cluster(), p.deployment()));
            if (before == null || !switches(before, p)) {
                continue;
            }
            Integer maxNodes = maxNodesByClusterPool.getOrDefault(p.cluster(), Map.of()).get(p.pool());
            boolean noRoom = maxNodes != null && plannedNodes(planned, p.cluster(), p.pool())
                    + heldBySwitchesAway(planned, running, p.cluster(), p.pool()) > maxNodes;
            Integer cap = maxBatchByDeployment.get(p.deployment());
            boolean capped = cap != null && cap < p.replicas();
            if (!noRoom && !capped) {
                continue;
            }
            PlanResult.Placement old = placement(before.plan(), p.cluster(), p.deployment());
            double need = need(deployments, p.deployment(), p.cluster());
            if (old == null || old.replicas() == 0 || p.replicas() == 0 || need <= 0) {
                continue;
            }
            out.put(key(p.cluster(), p.deployment()), new Gradual(noRoom ? 1 : cap, null,
                    ObjectNames.workload(p.deployment(), io.modelfleet.catalog.domain.Precision.valueOf(
                            before.precision()), before.hardware()),
                    need, old.capacityRps() / old.replicas(), p.capacityRps() / p.replicas()));
        }
        return out;
    }

    /** Whether the placement runs another workload than what runs now (other hardware or precision). */
    private static boolean switches(Running before, PlanResult.Placement p) {
        return !before.hardware().equals(p.hardware()) || !before.precision().equals(p.precision().name());
    }

    private static int plannedNodes(PlanResult plan, String cluster, String pool) {
        return plan.nodes().stream().filter(n -> n.cluster().equals(cluster) && n.pool().equals(pool))
                .mapToInt(PlanResult.PoolNodes::count).sum();
    }

    /** Nodes of a pool that old workloads keep until they are retired: those of deployments switching away. */
    private static int heldBySwitchesAway(PlanResult planned, List<Running> running, String cluster, String pool) {
        int held = 0;
        for (Running r : running) {
            if (!r.cluster().equals(cluster) || !r.pool().equals(pool) || r.plan() == null) {
                continue;
            }
            PlanResult.Placement next = placement(planned, cluster, r.deployment());
            if (next != null && !switches(r, next)) {
                continue;
            }
            held += (int) r.plan().nodes().stream()
                    .filter(n -> n.cluster().equals(cluster) && n.pool().equals(pool))
                    .flatMap(n -> n.perNode().stream())
                    .filter(node -> node.stream().anyMatch(share -> share.deployment().equals(r.deployment())))
                    .count();
        }
        return held;
    }

    private static PlanResult.Placement placement(PlanResult plan, String cluster, String deployment) {
        if (plan == null) {
            return null;
        }
        return plan.placements().stream().filter(x -> x.cluster().equals(cluster)
                && x.deployment().equals(deployment)).findFirst().orElse(null);
    }

    /** Demand on the cluster x (1 + headroom): what the deployment's serving capacity must cover at every moment. */
    private static double need(List<Deployment> deployments, String deployment, String cluster) {
        return deployments.stream().filter(d -> d.name().equals(deployment)).findFirst()
                .map(d -> d.demand().stream().filter(x -> Objects.equals(x.cluster(), cluster))
                        .mapToDouble(Deployment.Demand::rps).sum() * (1 + d.slo().headroom()))
                .orElse(0.0);
    }
}
