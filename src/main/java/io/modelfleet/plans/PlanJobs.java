package io.modelfleet.plans;

import io.modelfleet.api.ProblemException;
import io.modelfleet.planning.Deadline;
import io.modelfleet.planning.PlanProgress;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.Planner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs plans as jobs (design 004): each on its own thread, never the event loop or a request's worker; its
 * progress and a heartbeat written to the plan row every {@link #HEARTBEAT}; the finished plan written once
 * more at the end, only if still RUNNING. A cancel, asked on any control plane, is a flag in the row that the
 * owner's heartbeat reads; it cancels the job's {@link Deadline}, which stops the solves running and skips the
 * rest, keeping what they found. A reaper fails RUNNING plans whose heartbeat stopped: their control
 * plane died, and nothing else would ever finish them.
 */
@ApplicationScoped
public class PlanJobs {

    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final Duration EVENT_POLL = Duration.ofMillis(500);
    /** A RUNNING plan whose heartbeat is older than this has lost its control plane. */
    static final Duration STALE_AFTER = Duration.ofSeconds(30);
    static final String RESTARTED = "the control plane restarted while the plan ran (no heartbeat for "
            + STALE_AFTER.toSeconds() + " s)";
    /**
     * A RUNNING plan older than its time limit plus this is stuck even if its heartbeat still beats (a wedged
     * planner): the planner takes 90% of the limit plus a 1 s grace, writing the result takes seconds.
     */
    static final Duration OVERRUN_MARGIN = Duration.ofSeconds(60);
    /** A stream sends the progress again at least this often, so proxies do not close a quiet connection. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** How long a shutdown waits for cancelled jobs to write what they found. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(PlanJobs.class);

    private final Planner planner;
    private final Pool pool;
    private final PlanRepository plans;
    private final PlanAlternativesRepository alternatives;
    private final io.modelfleet.metrics.PlanMetrics planMetrics;
    private final Map<UUID, Deadline> running = new ConcurrentHashMap<>();
    private final ExecutorService jobs = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "plan-job");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plan-job-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public PlanJobs(Planner planner, Pool pool, PlanRepository plans, PlanAlternativesRepository alternatives,
            io.modelfleet.metrics.PlanMetrics planMetrics) {
        this.planner = planner;
        this.pool = pool;
        this.plans = plans;
        this.alternatives = alternatives;
        this.planMetrics = planMetrics;
    }

    /** The detail of a 409 for using a plan that has no result yet (RUNNING) or never will (FAILED). */
    public static String notFinished(PlanEntity plan) {
        return plan.status == PlanState.RUNNING
                ? "plan " + plan.id + " is RUNNING; wait until it is done (GET /api/v1/plans/" + plan.id + ")"
                : "plan " + plan.id + " is FAILED (" + plan.failure + "); it has no placements to use";
    }

    /** Starts planning a stored RUNNING plan within {@code deadline} (taken when the request came); returns at once. */
    void start(UUID id, PlanService.Inputs inputs, Deadline deadline) {
        running.put(id, deadline);
        jobs.submit(() -> run(id, inputs, deadline));
    }

    /**
     * Records a cancel of a RUNNING plan, on whichever control plane it runs (design 004, I8): the flag is in the
     * row, and the owner's heartbeat reads it back and stops the job. A job of this control plane is stopped at
     * once. Answers whether the plan was RUNNING.
     */
    Uni<Boolean> requestCancel(UUID id) {
        return pool.preparedQuery("UPDATE plan SET cancel_requested = true WHERE id = $1 AND status = 'RUNNING'")
                .execute(Tuple.of(id)).map(rows -> {
                    boolean wasRunning = rows.rowCount() == 1;
                    Deadline here = running.get(id);
                    if (wasRunning && here != null) {
                        here.cancel();
                    }
                    return wasRunning;
                });
    }

    private void run(UUID id, PlanService.Inputs inputs, Deadline deadline) {
        AtomicReference<PlanProgress> latest = new AtomicReference<>();
        // The heartbeat beats until the final write commits, so the reaper never sees a job that is still writing
        // its result as dead (design 004, I9).
        AtomicBoolean planning = new AtomicBoolean(true);
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> heartbeat(id, latest.get(), deadline,
                planning), HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            PlanResult result = planner.plan(inputs.snapshot(), deadline, latest::set);
            planning.set(false);
            boolean cancelled = deadline.cancelled();
            planMetrics.solved(result);
            // The result's JSON is built here, on the job's thread: for 1,000 pairs it is work for no event loop.
            PlanEntity done = null;
            if (!cancelled || !result.placements().isEmpty()) {
                done = new PlanEntity();
                PlanService.fill(done, inputs, result);
            }
            PlanEntity written = done;
            PlanProgress last = latest.get();
            beforeFinalWrite.accept(id);
            if (!await(() -> finish(id, result, written, cancelled, last))) {
                LOG.warnf("plan job %s finished planning, but its plan was no longer RUNNING (the reaper failed it"
                        + " meanwhile); it stays FAILED and the result found is dropped", id);
            }
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "plan job %s failed", id);
            beat.cancel(false);
            String why = "planning failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            try {
                await(() -> fail(id, why));
            } catch (RuntimeException again) {
                LOG.errorf(again, "plan job %s: could not record its failure; the reaper will", id);
            }
        } finally {
            beat.cancel(false);
            running.remove(id);
        }
    }

    /**
     * Writes the job's progress and that it is alive, and reads back whether a cancel was asked for (from any
     * control plane). No row RUNNING any more means the reaper failed the job: it stops too, as nobody will read
     * what it finds.
     */
    private void heartbeat(UUID id, PlanProgress progress, Deadline deadline, AtomicBoolean planning) {
        try {
            RowSet<Row> rows = pool.preparedQuery("UPDATE plan SET heartbeat_at = now(), progress = COALESCE($2,"
                    + " progress) WHERE id = $1 AND status = 'RUNNING' RETURNING cancel_requested")
                    .execute(Tuple.of(id, progress == null ? null : PlanJson.progress(progress)))
                    .await().atMost(Duration.ofSeconds(10));
            boolean stop = rows.rowCount() == 0 || rows.iterator().next().getBoolean("cancel_requested");
            // Once planning is over there is nothing to stop: the row stops being RUNNING at the job's own write.
            if (stop && planning.get() && !deadline.cancelled()) {
                LOG.infof("plan job %s: %s; stopping it", id, rows.rowCount() == 0 ? "no longer RUNNING"
                        : "a cancel was requested");
                deadline.cancel();
            }
        } catch (RuntimeException e) {
            // A missed beat is retried at the next; only STALE_AFTER of them fails the job.
            LOG.warnf("plan job %s: heartbeat not written: %s", id, e.getMessage());
        }
    }

    /** Runs between a job's result being built and its final write; a seam for the reaper race test. */
    private volatile java.util.function.Consumer<UUID> beforeFinalWrite = id -> {
    };

    /** Sets {@link #beforeFinalWrite} (through the bean's proxy, which a field write would not reach). */
    void beforeFinalWrite(java.util.function.Consumer<UUID> hook) {
        beforeFinalWrite = hook;
    }

    /**
     * The job's end: the plan found ({@code done}, OPTIMAL or FEASIBLE when cancelled part-way), or FAILED when a
     * cancel left nothing placed ({@code done} null). Written only while the row is still RUNNING, in one conditional statement: a reaper that
     * failed the job meanwhile wins, FAILED stays final (I9). Answers whether the row was written.
     */
    private Uni<Boolean> finish(UUID id, PlanResult result, PlanEntity done, boolean cancelled,
            PlanProgress progress) {
        String progressJson = progress == null ? null : PlanJson.progress(progress);
        if (done == null) {
            return pool.preparedQuery("UPDATE plan SET status = 'FAILED', failure = $2, progress = COALESCE($3,"
                    + " progress), heartbeat_at = now() WHERE id = $1 AND status = 'RUNNING'")
                    .execute(Tuple.of(id, "cancelled before any placement was found", progressJson))
                    .map(rows -> rows.rowCount() == 1);
        }
        return Panache.withTransaction(() -> plans.update("status = ?1, totalHourlyCostUsd = ?2, result = ?3,"
                + " cancelled = ?4, progress = ?5, heartbeatAt = ?6 where id = ?7 and status = ?8", done.status,
                done.totalHourlyCostUsd, done.result, cancelled, progressJson, OffsetDateTime.now(), id,
                PlanState.RUNNING).chain(count -> count == 0 ? Uni.createFrom().item(false)
                        : alternatives.persist(PlanAlternatives.rows(id, result.alternatives())).replaceWith(true)));
    }

    private Uni<Void> fail(UUID id, String why) {
        return Panache.withTransaction(() -> plans.findById(id).invoke(e -> {
            if (e != null && e.status == PlanState.RUNNING) {
                e.status = PlanState.FAILED;
                e.failure = why;
            }
        })).replaceWithVoid();
    }

    /** Fails every RUNNING plan whose heartbeat is older than {@code olderThan}; answers how many. */
    public Uni<Integer> reap(Duration olderThan) {
        return pool.preparedQuery("UPDATE plan SET status = 'FAILED', failure = $1 WHERE status = 'RUNNING'"
                + " AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $2))")
                .execute(Tuple.of(RESTARTED, (double) olderThan.toSeconds())).map(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.warnf("failed %d plan job(s) whose control plane stopped", rows.rowCount());
                    }
                    return rows.rowCount();
                });
    }

    /**
     * Fails every RUNNING plan still running {@code margin} past its created_at + time_limit_seconds, heartbeat or
     * not (design 004, I12); its owner's next heartbeat finds the row no longer RUNNING and stops the job.
     */
    public Uni<Integer> reapOverrun(Duration margin) {
        return pool.preparedQuery("UPDATE plan SET status = 'FAILED', failure = 'the plan ran past its time limit ('"
                + " || time_limit_seconds || ' s) plus a margin of ' || $1 || ' s; its planner is stuck' WHERE status"
                + " = 'RUNNING' AND created_at + make_interval(secs => time_limit_seconds + $2) < now()")
                .execute(Tuple.of(String.valueOf(margin.toSeconds()), (double) margin.toSeconds())).map(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.warnf("failed %d plan job(s) running past their time limit", rows.rowCount());
                    }
                    return rows.rowCount();
                });
    }

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reapStale() {
        return reap(STALE_AFTER).chain(() -> reapOverrun(OVERRUN_MARGIN)).replaceWithVoid();
    }

    /** The data of the last event of a plan's stream. */
    record DoneEvent(String id, String status) {
    }

    /** One server-sent event of a plan's stream: its name and its JSON data. */
    public record JobEvent(String name, String data) {
    }

    /**
     * A plan's events, read from its row every {@link #EVENT_POLL} (so a job of another control plane is followed
     * too): {@code progress} whenever the stored progress changed, and again after {@link #KEEP_ALIVE} without
     * one, then {@code done} once it is no longer RUNNING. Ticks that come while a read is still under way are
     * dropped: a slow database slows the stream rather than failing it.
     */
    Multi<JobEvent> events(UUID id) {
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> shown = new AtomicReference<>();
        AtomicLong shownAt = new AtomicLong(System.nanoTime() - KEEP_ALIVE.toNanos());
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(EVENT_POLL)
                .onOverflow().drop()
                .select().first(tick -> !done.get())
                .onItem().transformToUniAndConcatenate(tick -> pool.preparedQuery(
                        "SELECT status, progress FROM plan WHERE id = $1").execute(Tuple.of(id)))
                .onItem().transformToIterable(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("no plan " + id);
                    }
                    Row row = rows.iterator().next();
                    List<JobEvent> out = new ArrayList<>();
                    String progress = row.getString("progress");
                    long now = System.nanoTime();
                    boolean quiet = now - shownAt.get() >= KEEP_ALIVE.toNanos();
                    if (progress != null && (!progress.equals(shown.getAndSet(progress)) || quiet)) {
                        shownAt.set(now);
                        out.add(new JobEvent("progress", progress));
                    }
                    String status = row.getString("status");
                    if (!PlanState.RUNNING.name().equals(status)) {
                        done.set(true);
                        out.add(new JobEvent("done", PlanJson.write(new DoneEvent(id.toString(), status))));
                    }
                    return out;
                });
    }

    Uni<Boolean> exists(UUID id) {
        return pool.preparedQuery("SELECT 1 FROM plan WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** A 409 for cancelling a plan that is not RUNNING. */
    static ProblemException notRunning(PlanEntity plan) {
        return ProblemException.conflict("plan " + plan.id + " is " + plan.status
                + "; only a RUNNING plan can be cancelled");
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work::get);
        } catch (Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(t);
        }
    }

    /**
     * A graceful shutdown: running jobs are cancelled, which stops their searches, and given a few seconds to write
     * the best plan they found; a job still not done is left RUNNING for the reaper, as after a crash.
     */
    @PreDestroy
    void stop() {
        running.values().forEach(Deadline::cancel);
        jobs.shutdown();
        try {
            if (!jobs.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%d plan job(s) still running at shutdown; the reaper will fail them", running.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jobs.shutdownNow();
        heartbeats.shutdownNow();
    }
}
