package io.modelfleet.profiling.service;

import io.modelfleet.api.ProblemException;
import io.modelfleet.profiling.ProfilingConfig;
import io.modelfleet.profiling.domain.LoadgenDocument;
import io.modelfleet.profiling.domain.ProfilingState;
import io.modelfleet.profiling.domain.ResultDocumentException;
import io.modelfleet.profiling.entity.Claim;
import io.modelfleet.profiling.entity.ProfilingRun;
import io.modelfleet.profiling.kube.JobObservation;
import io.modelfleet.profiling.kube.JobTarget;
import io.modelfleet.profiling.kube.ObservableJobTarget;
import io.modelfleet.profiling.repository.ProfilingRunStore;
import io.modelfleet.rollout.engine.TargetFailure;
import io.modelfleet.rollout.engine.TargetFailures;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Moves profiling runs along (design 007, "Profiling run states"). Each poll claims the active runs nobody holds
 * and takes one named step for each:
 * <ul>
 * <li>PENDING: {@link #start} — apply the Job (or write its manifest), unless the cluster already has it: a
 * replica that died between applying and recording it left it there, and it is adopted, not applied again;</li>
 * <li>RUNNING: {@link #follow} — read the Job: still going (its pod's state noted), failed (FAILED with the Job's
 * condition and the log's end), succeeded (the result document read from the pod log and ingested, once), gone
 * (FAILED), or past the run's timeout (the Job deleted, TIMED_OUT with its last condition).</li>
 * </ul>
 * Every transition is conditional on the claim's token and the state the step saw, so a replica that lost its
 * claim, or a run cancelled meanwhile, commits nothing. A run's state lives only in its row: a replica that
 * starts (or restarts) picks every run up from there. Steps are blocking (Fabric8 calls), on the caller's thread.
 */
@ApplicationScoped
public class ProfilingDriver {

    private static final Logger LOG = Logger.getLogger(ProfilingDriver.class);
    /** Runs one poll claims at most; the rest wait for the next poll. */
    static final int CLAIMS_PER_POLL = 20;

    /** What a step did to a run. */
    public enum Outcome {
        /** The Job was applied (or its manifest written): RUNNING. */
        STARTED,
        /** The Job was there already (applied before a restart): RUNNING without applying it again. */
        ADOPTED,
        /** Nothing to do yet: the Job measures, or a GITOPS run waits for its results. */
        WAITING,
        INGESTED,
        FAILED,
        TIMED_OUT,
        /** A cluster call failed in a way worth retrying; the next poll tries again. */
        RETRYING,
        /** Someone else moved the run (a cancel, another replica): this step committed nothing. */
        MOVED
    }

    /** One step: the run, what happened, and the reason recorded (null when none). */
    public record Step(UUID runId, Outcome outcome, String detail) {
    }

    private final ProfilingRunStore store;
    private final RunJobs jobs;
    private final ResultIngest ingest;
    private final Clock clock;
    private final String owner;
    private final Duration lease;

    @Inject
    public ProfilingDriver(ProfilingRunStore store, RunJobs jobs, ResultIngest ingest, Clock clock,
            ProfilingConfig config) {
        this(store, jobs, ingest, clock, config.instanceId().filter(id -> !id.isBlank())
                .orElse("modelfleet-" + UUID.randomUUID()), config.lease());
    }

    private ProfilingDriver(ProfilingRunStore store, RunJobs jobs, ResultIngest ingest, Clock clock, String owner,
            Duration lease) {
        this.store = store;
        this.jobs = jobs;
        this.ingest = ingest;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
    }

    /** Another replica on the same database (tests: two drivers racing, a restarted process). */
    public ProfilingDriver withInstance(String instance) {
        return new ProfilingDriver(store, jobs, ingest, clock, instance, lease);
    }

    public String owner() {
        return owner;
    }

    /** One poll: claim what is free, take one step for each, give the claims back. */
    public List<Step> pollOnce() {
        OffsetDateTime now = now();
        List<Claim> claims = await(store.claim(owner, now, now.plus(lease), CLAIMS_PER_POLL));
        List<Step> steps = new ArrayList<>();
        for (Claim claim : claims) {
            steps.add(advance(claim));
        }
        return steps;
    }

    /**
     * The step for one claimed run; whatever it throws is recorded on the run, and the claim is given back. Public
     * for tests that interleave a step with what other replicas do.
     */
    public Step advance(Claim claim) {
        try {
            return claim.run().state() == ProfilingState.PENDING ? start(claim) : follow(claim);
        } catch (RuntimeException e) {
            return failedCall(claim, e);
        } finally {
            try {
                await(store.release(claim, now()));
            } catch (RuntimeException e) {
                // It runs out by itself after the lease.
                LOG.debugf("profiling run %s: claim not released: %s", claim.run().id(), e.toString());
            }
        }
    }

    /** PENDING: apply the Job, or adopt it when the cluster has it already, then record RUNNING. */
    private Step start(Claim claim) {
        ProfilingRun run = claim.run();
        JobTarget target = jobs.target(run);
        if (target == null) {
            return end(claim, ProfilingState.FAILED, "cluster '" + run.cluster() + "' no longer exists");
        }
        if (!now().isBefore(run.deadline())) {
            // A replica that died after applying may have left the Job: it goes too.
            return timedOut(claim, target, "the Job could not be applied within " + run.timeoutSeconds() + " s"
                    + (run.reason() == null ? "" : "; last: " + run.reason()), null);
        }
        boolean present = target instanceof ObservableJobTarget cluster
                && cluster.observe(run.jobNamespace(), run.jobName(), run.id()).isPresent();
        if (!present) {
            target.apply(RunJobs.job(run));
        }
        if (!await(store.started(claim, now()))) {
            return moved(claim, target);
        }
        Outcome outcome = present ? Outcome.ADOPTED : Outcome.STARTED;
        LOG.infof("profiling run %s: Job %s/%s %s on %s (pool %s, %s)", run.id(), run.jobNamespace(), run.jobName(),
                present ? "found already applied" : target instanceof ObservableJobTarget ? "applied"
                        : "written to the GitOps folder",
                run.cluster(), run.pool(), run.hardware());
        return new Step(run.id(), outcome, null);
    }

    /**
     * RUNNING: what the Job says, then the timeout. An outcome the Job reached is taken even when the poll comes
     * after the deadline (Kubernetes' own activeDeadlineSeconds stopped anything that ran longer).
     */
    private Step follow(Claim claim) {
        ProfilingRun run = claim.run();
        JobTarget target = jobs.target(run);
        if (target == null) {
            return end(claim, ProfilingState.FAILED, "cluster '" + run.cluster() + "' no longer exists");
        }
        boolean late = !now().isBefore(run.deadline());
        if (!(target instanceof ObservableJobTarget cluster)) {
            return late ? timedOut(claim, target, "no results posted within " + run.timeoutSeconds() + " s", null)
                    : new Step(run.id(), Outcome.WAITING, run.reason());
        }
        Optional<JobObservation> seen = cluster.observe(run.jobNamespace(), run.jobName(), run.id());
        if (seen.isEmpty()) {
            return end(claim, ProfilingState.FAILED, "Job " + run.jobNamespace() + "/" + run.jobName()
                    + " is gone from cluster '" + run.cluster() + "' before it finished (deleted by someone?)");
        }
        JobObservation job = seen.get();
        return switch (job.phase()) {
            case SUCCEEDED -> ingest(claim, cluster, job);
            case FAILED -> end(claim, ProfilingState.FAILED, job.detail(), ProfilingViews.excerpt(logOf(cluster, run,
                    job)));
            case DEADLINE_EXCEEDED -> timedOut(claim, cluster, "Kubernetes stopped the Job at its deadline of "
                    + run.timeoutSeconds() + " s: " + job.detail(), logOf(cluster, run, job));
            case ACTIVE -> late ? timedOut(claim, cluster, "no outcome within " + run.timeoutSeconds() + " s"
                    + (job.detail() == null ? "" : "; last: " + job.detail()), logOf(cluster, run, job))
                    : waiting(claim, job.detail());
        };
    }

    /** The Job succeeded: its log's document becomes MEASURED rows, in one transaction with SUCCEEDED. */
    private Step ingest(Claim claim, ObservableJobTarget target, JobObservation job) {
        ProfilingRun run = claim.run();
        if (job.pod() == null) {
            return end(claim, ProfilingState.FAILED, "result document: the Job succeeded but has no pod to read"
                    + " the load generator's log from");
        }
        String log = target.log(run.jobNamespace(), job.pod());
        String excerpt = ProfilingViews.excerpt(log);
        LoadgenDocument doc;
        try {
            doc = LoadgenDocument.lastIn(log).checkFits(run.grid());
        } catch (ResultDocumentException e) {
            return end(claim, ProfilingState.FAILED, e.getMessage(), excerpt);
        }
        ResultIngest.Ingested ingested;
        try {
            ingested = subscribeAndAwait(() -> ingest.ingest(run, claim.token(), doc, excerpt, now()));
        } catch (ProblemException e) {
            return end(claim, ProfilingState.FAILED, "results refused: " + e.getMessage(), excerpt);
        }
        if (ingested.moved()) {
            return moved(claim, target);
        }
        LOG.infof("profiling run %s: %d MEASURED rows written (%d new, %d replaced) for variant %s on %s", run.id(),
                ingested.written().rows().size(), ingested.written().created(), ingested.written().replaced(),
                run.variantId(), run.hardware());
        return new Step(run.id(), Outcome.INGESTED, null);
    }

    /** Still going; what it waits for is kept on the run (or cleared, once it no longer waits for anything). */
    private Step waiting(Claim claim, String detail) {
        if (!Objects.equals(detail, claim.run().reason())) {
            await(store.noted(claim, detail));
        }
        return new Step(claim.run().id(), Outcome.WAITING, detail);
    }

    /** The Job is deleted first: a TIMED_OUT run must leave nothing measuring behind. */
    private Step timedOut(Claim claim, JobTarget target, String reason, String log) {
        RunJobs.remove(claim.run(), target);
        return end(claim, ProfilingState.TIMED_OUT, reason, ProfilingViews.excerpt(log));
    }

    private Step end(Claim claim, ProfilingState to, String reason) {
        return end(claim, to, reason, null);
    }

    /** Records a terminal state; a failed Job stays on its cluster for its TTL, for a person to read. */
    private Step end(Claim claim, ProfilingState to, String reason, String excerpt) {
        ProfilingRun run = claim.run();
        if (!await(store.ended(claim, to, reason, excerpt, now()))) {
            return new Step(run.id(), Outcome.MOVED, null);
        }
        LOG.infof("profiling run %s: %s: %s", run.id(), to, reason);
        return new Step(run.id(), to == ProfilingState.TIMED_OUT ? Outcome.TIMED_OUT : Outcome.FAILED, reason);
    }

    /**
     * The step's commit found the run moved. If it was cancelled meanwhile, the Job this step may have applied is
     * removed, so a cancel never leaves a Job measuring.
     */
    private Step moved(Claim claim, JobTarget target) {
        ProfilingRun now = await(store.get(claim.run().id()));
        if (now != null && now.state() == ProfilingState.CANCELLED) {
            RunJobs.remove(now, target);
        }
        LOG.infof("profiling run %s moved on while %s worked on it (now %s); nothing committed", claim.run().id(),
                owner, now == null ? "deleted" : now.state());
        return new Step(claim.run().id(), Outcome.MOVED, null);
    }

    /**
     * A call failed: the run FAILED when the cluster refused for good (its credentials, a foreign object of the
     * Job's name, a Job the API server rejects); anything else (the cluster or the database not answering, a
     * 5xx) is noted and retried at the next poll, until the run's timeout.
     */
    private Step failedCall(Claim claim, RuntimeException e) {
        TargetFailure failure = TargetFailures.classify(e);
        String verb = claim.run().state() == ProfilingState.PENDING ? "applying the Job" : "reading the Job";
        if (failure.retryable() || failure.code() == io.modelfleet.rollout.engine.ReasonCode.INTERNAL_ERROR) {
            String reason = verb + " failed, retrying: " + failure.getMessage();
            try {
                await(store.noted(claim, reason));
            } catch (RuntimeException ignored) {
                // The database is what failed; the next poll tries again.
            }
            LOG.warnf("profiling run %s: %s", claim.run().id(), reason);
            return new Step(claim.run().id(), Outcome.RETRYING, reason);
        }
        return end(claim, ProfilingState.FAILED, verb + " failed: " + failure.getMessage());
    }

    private static String logOf(ObservableJobTarget target, ProfilingRun run, JobObservation job) {
        if (job.pod() == null) {
            return null;
        }
        try {
            return target.log(run.jobNamespace(), job.pod());
        } catch (RuntimeException e) {
            // A pod that never started has no log; the reason says what happened.
            return null;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static <T> T await(Uni<T> work) {
        return work.await().atMost(Duration.ofSeconds(30));
    }

    private static <T> T subscribeAndAwait(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
