package io.modelfleet.profiling;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.modelfleet.loadgen.LoadgenHarness;
import io.modelfleet.profiling.kube.ProfilingJobRenderer;
import io.modelfleet.rollout.mock.ApplyingCrudDispatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Job controller and the kubelet for profiling Jobs in the mock API server, which has neither. For each
 * profiling Job of its namespace that has no status yet, one {@link #reconcile()} pass does what a node would:
 * the model-server sidecar is a real KServe v2 server serving an ONNX model through ONNX Runtime (the loadgen
 * tests' MLP), and the loadgen container is the REAL load generator, run in this JVM with the Job's own arguments
 * (only {@code --url} changes: the sidecar's localhost:8000 is the test server's port here). Its stderr and
 * stdout become the pod's log, its exit status the container's, and the Job ends Complete or Failed as Kubernetes
 * ends a Job with backoffLimit 0.
 *
 * <p>Faults a test asks for: a serving image that fails every other request ({@link #breakImage}), a pod that
 * never schedules ({@link #stall}), a log that lost its last line ({@link #truncateLog}), a Job Kubernetes stops at
 * its deadline ({@link #expire}).
 */
final class ProfilingJobController {

    /** A test scheduler's answer for a pod no node can take. */
    static final String UNSCHEDULABLE = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are"
            + " available: 3 No preemption victims found for incoming pod.";

    private final ApplyingCrudDispatcher server;
    private final String namespace;
    private final Set<String> brokenImages = ConcurrentHashMap.newKeySet();
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();
    private final Set<String> truncated = ConcurrentHashMap.newKeySet();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private final Set<String> echoingNul = ConcurrentHashMap.newKeySet();
    private final Map<String, LoadgenHarness.Run> runs = new ConcurrentHashMap<>();

    /** Handles the profiling Jobs of {@code namespace} only: other tests' Jobs are theirs. */
    ProfilingJobController(ApplyingCrudDispatcher server, String namespace) {
        this.server = server;
        this.namespace = namespace;
    }

    /** Serving images containing {@code part} answer 500 to every other inference (the load generator exits 3). */
    void breakImage(String part) {
        brokenImages.add(part);
    }

    /** The Job's pod stays Pending, unschedulable, for ever. */
    void stall(String job) {
        stalled.add(job);
    }

    /** The Job runs and succeeds, but its log lost its last line (the result document). */
    void truncateLog(String job) {
        truncated.add(job);
    }

    /**
     * The log holds a NUL, as when the load generator echoes a server's error body that had one (PostgreSQL cannot
     * store it in text). A lone surrogate would not survive the log's trip over HTTP as UTF-8, so it is left out.
     */
    void echoNul(String job) {
        echoingNul.add(job);
    }

    /** Kubernetes stops the Job at its activeDeadlineSeconds before the pod got anywhere. */
    void expire(String job) {
        expired.add(job);
    }

    /** How the load generator ended for {@code job}, once it ran. */
    LoadgenHarness.Run run(String job) {
        return runs.get(job);
    }

    /** One pass; returns the Jobs it ran to their end, in the order it found them. */
    List<String> reconcile() {
        List<String> finished = new ArrayList<>();
        for (Job job : server.stored("/apis/batch/v1/namespaces/" + namespace + "/jobs", JobList.class)) {
            boolean profiling = job.getMetadata().getLabels() != null
                    && job.getMetadata().getLabels().containsKey(ProfilingJobRenderer.RUN_LABEL);
            if (!profiling || job.getStatus() != null && job.getStatus().getStartTime() != null) {
                continue;
            }
            if (expired.contains(job.getMetadata().getName())) {
                status(job, new JobStatusBuilder().withStartTime(now()).withActive(0).withFailed(0)
                        .withConditions(condition("FailureTarget", "DeadlineExceeded", "Job was active longer than"
                                + " specified deadline"), condition("Failed", "DeadlineExceeded", "Job was active"
                                        + " longer than specified deadline")).build());
            } else if (stalled.contains(job.getMetadata().getName())) {
                leavePending(job);
            } else {
                runToTheEnd(job);
                finished.add(job.getMetadata().getName());
            }
        }
        return finished;
    }

    private void leavePending(Job job) {
        Pod pod = pod(job, "Pending", List.of());
        pod.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                .withType("PodScheduled").withStatus("False").withReason("Unschedulable").withMessage(UNSCHEDULABLE)
                .build()));
        server.storeCreated(pods(), pod);
        status(job, new JobStatusBuilder().withActive(1).withStartTime(now()).withReady(0).build());
    }

    /**
     * What the Job's pod would do, without the API server: its sidecar's server up, the load generator run with the
     * Job's arguments against it. A GITOPS test posts the document this gives back, as a cluster's Job would.
     */
    LoadgenHarness.Run runLike(Job job) {
        var spec = job.getSpec().getTemplate().getSpec();
        Container sidecar = spec.getInitContainers().stream()
                .filter(c -> c.getName().equals(ProfilingJobRenderer.SERVER)).findFirst().orElseThrow();
        List<String> args = new ArrayList<>(loadgen(job).getArgs());
        String model = args.get(args.indexOf("--model-name") + 1);
        int failEvery = brokenImages.stream().anyMatch(sidecar.getImage()::contains) ? 2 : 0;
        try (LoadgenHarness.Server kserve = LoadgenHarness.mlpServer(model, 7L, failEvery)) {
            args.set(args.indexOf("--url") + 1, kserve.url());
            return LoadgenHarness.run(args);
        }
    }

    private static Container loadgen(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(ProfilingJobRenderer.LOADGEN)).findFirst().orElseThrow();
    }

    private void runToTheEnd(Job job) {
        Container loadgen = loadgen(job);
        String started = now();
        LoadgenHarness.Run run = runLike(job);
        runs.put(job.getMetadata().getName(), run);
        boolean ok = run.exitCode() == 0;
        Pod pod = pod(job, ok ? "Succeeded" : "Failed", List.of(new ContainerStatusBuilder()
                .withName(ProfilingJobRenderer.LOADGEN).withImage(loadgen.getImage()).withReady(false)
                .withRestartCount(0).withNewState().withNewTerminated().withExitCode(run.exitCode())
                .withReason(ok ? "Completed" : "Error").withStartedAt(started).withFinishedAt(now()).endTerminated()
                .endState().build()));
        server.storeCreated(pods(), pod);
        // kubectl logs shows a container's stderr and stdout together; the progress lines come before the document.
        String stderr = run.stderr() + (echoingNul.contains(job.getMetadata().getName())
                ? "batch 1 x concurrency 1: server answered 500: {\"error\":\"bad\u0000input\"}\n" : "");
        String log = stderr + run.stdout();
        if (truncated.contains(job.getMetadata().getName())) {
            log = stderr;
        }
        server.storePodLog(namespace, pod.getMetadata().getName(), log);
        List<JobCondition> conditions = ok
                ? List.of(condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of"
                        + " succeeded pods"), condition("Complete", "CompletionsReached",
                                "Reached expected number of succeeded pods"))
                : List.of(condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified"
                        + " backoff limit"), condition("Failed", "BackoffLimitExceeded",
                                "Job has reached the specified backoff limit"));
        JobStatus status = new JobStatusBuilder().withStartTime(started).withActive(0).withReady(0)
                .withSucceeded(ok ? 1 : 0).withFailed(ok ? 0 : 1).withConditions(conditions)
                .withCompletionTime(ok ? now() : null).build();
        status(job, status);
    }

    private Pod pod(Job job, String phase, List<ContainerStatus> statuses) {
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("job-name", job.getMetadata().getName());
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        return new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-x7k2p")
                .withNamespace(namespace).withLabels(labels).withCreationTimestamp(now()).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase(phase).withContainerStatuses(statuses).endStatus().build();
    }

    private void status(Job job, JobStatus status) {
        Job withStatus = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(job).withStatus(status).build();
        server.storeObjectStatus("/apis/batch/v1/namespaces/" + namespace + "/jobs/" + job.getMetadata().getName(),
                withStatus);
    }

    private String pods() {
        return "/api/v1/namespaces/" + namespace + "/pods";
    }

    private static JobCondition condition(String type, String reason, String message) {
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastTransitionTime(now()).build();
    }

    private static String now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
