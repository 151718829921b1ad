package io.modelfleet.profiling.kube;

import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.rollout.KubernetesClients;
import io.modelfleet.rollout.RolloutTargets;
import io.modelfleet.rollout.gitops.ClusterFolder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Picks a profiling Job's target as rollouts pick theirs: the cluster's Kubernetes API through the same clients
 * (exactly the cluster the target names), or its folder through the same GitOps writer.
 */
@ApplicationScoped
public class JobTargets {

    private final KubernetesClients clients;
    private final RolloutTargets rollouts;

    public JobTargets(KubernetesClients clients, RolloutTargets rollouts) {
        this.clients = clients;
        this.rollouts = rollouts;
    }

    public JobTarget forCluster(String cluster, ClusterTarget target) {
        if (target != null && target.type() == TargetType.KUBERNETES) {
            return new KubernetesJobTarget(clients.client(cluster, target));
        }
        String directory = target == null || target.directory() == null ? cluster : target.directory();
        return new GitOpsJobTarget(rollouts.gitOps(), new ClusterFolder(cluster, directory));
    }
}
