package io.modelfleet.profiling.kube;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.rollout.engine.ReasonCode;
import io.modelfleet.rollout.engine.TargetFailure;
import io.modelfleet.rollout.kube.KubernetesTarget;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A profiling Job on a cluster reached with Fabric8: server-side apply with ModelFleet's field manager (as rollouts
 * apply), status from the Job and its pod, the result from the load generator's container log.
 */
public final class KubernetesJobTarget implements ObservableJobTarget {

    /**
     * Lines of the log read back: the result document is one line, and the progress lines before it make the
     * excerpt a person reads when a run fails.
     */
    static final int LOG_TAIL_LINES = 200;

    private final KubernetesClient client;

    public KubernetesJobTarget(KubernetesClient client) {
        this.client = client;
    }

    /**
     * A same-named Job of another run (or of nobody ModelFleet knows) is never taken over; the run's own Job
     * (a replica that died after applying it) is applied again, which changes nothing.
     */
    @Override
    public void apply(Job job) {
        Job before = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName()).get();
        String run = job.getMetadata().getLabels().get(ProfilingJobRenderer.RUN_LABEL);
        if (before != null && !run.equals(label(before, ProfilingJobRenderer.RUN_LABEL))) {
            throw TargetFailure.fatal(ReasonCode.OWNERSHIP_CONFLICT, "Job " + job.getMetadata().getNamespace() + "/"
                    + job.getMetadata().getName() + " exists and is not this run's (its "
                    + ProfilingJobRenderer.RUN_LABEL + " is " + label(before, ProfilingJobRenderer.RUN_LABEL)
                    + "); ModelFleet does not take over objects it did not create");
        }
        client.resource(job).fieldManager(KubernetesTarget.FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    @Override
    public Optional<JobObservation> observe(String namespace, String name, UUID runId) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (job == null) {
            return Optional.empty();
        }
        var pods = client.pods().inNamespace(namespace).withLabel(ProfilingJobRenderer.RUN_LABEL, runId.toString())
                .list().getItems();
        return Optional.of(JobObservation.of(job, pods));
    }

    @Override
    public String log(String namespace, String pod) {
        return client.pods().inNamespace(namespace).withName(pod).inContainer(ProfilingJobRenderer.LOADGEN)
                .tailingLines(LOG_TAIL_LINES).getLog();
    }

    /** Background propagation: the Job goes at once and Kubernetes removes its pods after it. */
    @Override
    public boolean delete(String namespace, String name) {
        var deleted = client.batch().v1().jobs().inNamespace(namespace).withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        return deleted != null && !deleted.isEmpty();
    }

    private static String label(Job job, String key) {
        Map<String, String> labels = job.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
