package io.modelfleet.rollout;

import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.rollout.gitops.ClusterFolder;
import io.modelfleet.rollout.gitops.GitOpsConfig;
import io.modelfleet.rollout.gitops.GitOpsTarget;
import io.modelfleet.rollout.gitops.GitOpsWriter;
import io.modelfleet.rollout.kube.KubernetesTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Picks the target for a cluster: its Kubernetes API, or its folder under the GitOps root (the default). */
@ApplicationScoped
public class RolloutTargets {

    private final KubernetesClients clients;
    private final GitOpsWriter gitops;

    @Inject
    public RolloutTargets(KubernetesClients clients, GitOpsConfig gitops) {
        this(clients, gitops.root());
    }

    public RolloutTargets(KubernetesClients clients, Path root) {
        this.clients = clients;
        this.gitops = new GitOpsWriter(root);
    }

    /**
     * The one writer of the GitOps root: it serializes changes per cluster folder, so other writers into the same
     * folders (profiling Jobs) go through it rather than beside it.
     */
    public GitOpsWriter gitOps() {
        return gitops;
    }

    public RolloutTarget forCluster(String cluster, ClusterTarget target) {
        if (target != null && target.type() == TargetType.KUBERNETES) {
            return new KubernetesTarget(clients.client(cluster, target));
        }
        String directory = target == null || target.directory() == null ? cluster : target.directory();
        return new GitOpsTarget(gitops, new ClusterFolder(cluster, directory));
    }
}
