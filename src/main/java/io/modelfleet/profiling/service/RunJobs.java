package io.modelfleet.profiling.service;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.profiling.entity.ProfilingRun;
import io.modelfleet.profiling.kube.JobTarget;
import io.modelfleet.profiling.kube.JobTargets;
import io.modelfleet.profiling.repository.FleetPools;
import io.modelfleet.rollout.kube.ManifestYaml;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/** A run's Job on its cluster: the target it is reached through now, and removing the Job when a run ends. */
@ApplicationScoped
public class RunJobs {

    private static final Logger LOG = Logger.getLogger(RunJobs.class);

    private final FleetPools pools;
    private final JobTargets targets;

    public RunJobs(FleetPools pools, JobTargets targets) {
        this.pools = pools;
        this.targets = targets;
    }

    /** The run's cluster's target now; null when the cluster is gone. Blocking. */
    JobTarget target(ProfilingRun run) {
        ClusterTarget target = pools.target(run.cluster()).await().atMost(Duration.ofSeconds(30));
        return target == null ? null : targets.forCluster(run.cluster(), target);
    }

    static Job job(ProfilingRun run) {
        return ManifestYaml.parse(run.jobManifest(), Job.class);
    }

    /**
     * Removes the run's Job (or its GitOps manifest) from a worker thread; a failure is logged, never the
     * caller's: the run has ended either way, and a Job left behind ends at its activeDeadlineSeconds.
     */
    Uni<Void> removeLater(ProfilingRun run) {
        return pools.target(run.cluster()).chain(target -> ProfilingRuns.blocking(() -> {
            if (target != null) {
                remove(run, targets.forCluster(run.cluster(), target));
            }
        })).onFailure().recoverWithItem(e -> {
            LOG.warnf("profiling run %s: its Job %s/%s on %s could not be removed: %s", run.id(), run.jobNamespace(),
                    run.jobName(), run.cluster(), e.toString());
            return null;
        });
    }

    /** Removes the Job; blocking, failures propagate. */
    static boolean remove(ProfilingRun run, JobTarget target) {
        boolean removed = target.delete(run.jobNamespace(), run.jobName());
        LOG.infof("profiling run %s: Job %s/%s on %s %s", run.id(), run.jobNamespace(), run.jobName(), run.cluster(),
                removed ? "removed" : "was already gone");
        return removed;
    }
}
