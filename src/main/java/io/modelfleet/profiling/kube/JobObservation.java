package io.modelfleet.profiling.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a profiling Job and its pod say about the run, read from their status alone (pure): still going, done, or
 * failed and why. {@code detail} is the newest thing worth telling a person — the Job's last condition, else why
 * its pod waits (unschedulable, an image that does not pull) — and the reason a failed or timed-out run reports.
 *
 * @param pod the name of the Job's newest pod, null when it has none yet
 */
public record JobObservation(Phase phase, String detail, String pod) {

    public enum Phase {
        /** Not finished: the pod is pending or measuring. */
        ACTIVE,
        SUCCEEDED,
        FAILED,
        /** Kubernetes stopped it at activeDeadlineSeconds: the run's timeout, seen from the cluster's side. */
        DEADLINE_EXCEEDED
    }

    public static JobObservation of(Job job, List<Pod> pods) {
        Pod pod = newest(pods).orElse(null);
        String podName = pod == null ? null : pod.getMetadata().getName();
        List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null
                ? List.of() : job.getStatus().getConditions();
        Optional<JobCondition> failed = conditions.stream().filter(c -> isTrue(c, "Failed")).findFirst();
        if (failed.isPresent()) {
            Phase phase = "DeadlineExceeded".equals(failed.get().getReason()) ? Phase.DEADLINE_EXCEEDED
                    : Phase.FAILED;
            return new JobObservation(phase, join(describe(failed.get()), terminated(pod)), podName);
        }
        boolean complete = conditions.stream().anyMatch(c -> isTrue(c, "Complete"))
                || (job.getStatus() != null && job.getStatus().getSucceeded() != null
                        && job.getStatus().getSucceeded() > 0);
        if (complete) {
            return new JobObservation(Phase.SUCCEEDED, null, podName);
        }
        String waiting = waiting(pod);
        String detail = waiting != null ? waiting
                : conditions.isEmpty() ? (pod == null ? "the Job has no pod yet" : null)
                        : describe(conditions.get(conditions.size() - 1));
        return new JobObservation(Phase.ACTIVE, detail, podName);
    }

    private static Optional<Pod> newest(List<Pod> pods) {
        return pods.stream().max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
                : p.getMetadata().getCreationTimestamp()));
    }

    private static boolean isTrue(JobCondition c, String type) {
        return type.equals(c.getType()) && "True".equals(c.getStatus());
    }

    private static String describe(JobCondition c) {
        return "Job condition " + c.getType() + "=" + c.getStatus()
                + (c.getReason() == null ? "" : " (" + c.getReason() + ")")
                + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    /** How the load generator's container ended, with what its exit code means (docs/loadgen.md). */
    private static String terminated(Pod pod) {
        ContainerStatus status = container(pod, ProfilingJobRenderer.LOADGEN);
        if (status == null || status.getState() == null || status.getState().getTerminated() == null) {
            return null;
        }
        var t = status.getState().getTerminated();
        Integer code = t.getExitCode();
        String meaning = code == null ? "" : switch (code) {
            case 2 -> ", bad arguments";
            case 3 -> ", more than 1% of requests failed";
            default -> "";
        };
        return "container " + ProfilingJobRenderer.LOADGEN + " terminated with exit code " + code + meaning
                + (t.getReason() == null ? "" : " (" + t.getReason() + ")")
                + (t.getMessage() == null || t.getMessage().isBlank() ? "" : ": " + t.getMessage().strip());
    }

    /** Why the pod is not running yet: unschedulable, or a container waiting (an image that does not pull). */
    private static String waiting(Pod pod) {
        if (pod == null || pod.getStatus() == null) {
            return null;
        }
        List<PodCondition> conditions = pod.getStatus().getConditions() == null ? List.of()
                : pod.getStatus().getConditions();
        for (PodCondition c : conditions) {
            if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                return "pod " + pod.getMetadata().getName() + " is not scheduled" + (c.getReason() == null ? ""
                        : " (" + c.getReason() + ")") + (c.getMessage() == null ? "" : ": " + c.getMessage());
            }
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getContainerStatuses());
        }
        for (ContainerStatus s : statuses) {
            if (s.getState() != null && s.getState().getWaiting() != null
                    && s.getState().getWaiting().getReason() != null
                    && !"PodInitializing".equals(s.getState().getWaiting().getReason())) {
                var w = s.getState().getWaiting();
                return "container " + s.getName() + " is waiting (" + w.getReason() + ")"
                        + (w.getMessage() == null ? "" : ": " + w.getMessage());
            }
        }
        return null;
    }

    private static ContainerStatus container(Pod pod, String name) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream().filter(s -> name.equals(s.getName())).findFirst()
                .orElse(null);
    }

    private static String join(String a, String b) {
        return b == null ? a : a + "; " + b;
    }
}
