package io.modelfleet.placement.service;

import io.modelfleet.api.ProblemException;
import io.modelfleet.placement.PlacementConfig;
import io.modelfleet.placement.domain.Proposal;
import io.modelfleet.placement.domain.Proposals;
import io.modelfleet.placement.domain.Stabilizer;
import io.modelfleet.placement.domain.Step;
import io.modelfleet.placement.domain.Thresholds;
import io.modelfleet.placement.dto.PlacementStatusView;
import io.modelfleet.placement.repository.EvaluationStore;
import io.modelfleet.placement.repository.RecommendationStore;
import io.modelfleet.planning.Deadline;
import io.modelfleet.planning.Evaluation;
import io.modelfleet.planning.Planner;
import io.modelfleet.planning.UnitCache;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.plans.PlanService;
import io.modelfleet.plans.RunningChoices;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The re-planning loop (design 006): every tick, the replica holding the placement lease evaluates the fleet when
 * an evaluation is due ({@link Cadence}). One evaluation reads the whole fleet as a plan would (observed demand
 * included), solves it with the switch cost reusing unchanged units, turns the outcome into proposals and the
 * proposals into recommendation writes, and commits those writes, the consumed triggers and its own figures in one
 * transaction that first checks the lease token (I6): a replica whose lease was taken writes nothing. The lease is
 * renewed while the planner runs, so a long solve does not lose it.
 */
@ApplicationScoped
public class PlacementLoop {

    private static final Logger LOG = Logger.getLogger(PlacementLoop.class);

    /** What a pass did. */
    public enum Outcome {
        /** Another replica holds the lease. */
        NOT_LEADER,
        /** This replica leads, and no evaluation is due yet. */
        NOT_DUE,
        /** Evaluated and committed. */
        EVALUATED,
        /** The lease was lost before the commit: nothing was written. */
        LEASE_LOST
    }

    /**
     * A pass's outcome and, when it evaluated, the figures it recorded and the rollouts it then started within
     * budget (I9).
     */
    public record Pass(Outcome outcome, PlacementStatusView.Evaluation evaluation, List<String> rolloutsStarted) {

        Pass(Outcome outcome) {
            this(outcome, null, List.of());
        }
    }

    /** Everything a loop is built from; another replica (in tests) differs in its instance id and clock. */
    record Settings(Pool pool, PlanService plans, Planner planner, RecommendationStore recommendations,
            EvaluationStore evaluations, AutoRollouts autoRollouts, Duration interval, Duration minGap,
            Duration lease, Duration timeLimit, Thresholds thresholds) {

        Settings with(AutoRollouts other) {
            return new Settings(pool, plans, planner, recommendations, evaluations, other, interval, minGap, lease,
                    timeLimit, thresholds);
        }
    }

    private final Settings s;
    private final PlacementLease lease;
    private final Clock clock;
    private final boolean enabled;
    private volatile UnitCache cache = new UnitCache();
    private volatile PlacementLease.Held held;

    @Inject
    public PlacementLoop(Pool pool, PlanService plans, Planner planner, RecommendationStore recommendations,
            EvaluationStore evaluations, AutoRollouts autoRollouts, PlacementConfig config, Clock clock) {
        this(new Settings(pool, plans, planner, recommendations, evaluations, autoRollouts, config.interval(),
                config.minGap(),
                config.lease(), config.timeLimit(), config.thresholds()),
                config.instanceId().filter(id -> !id.isBlank()).orElse("modelfleet-" + UUID.randomUUID()), clock,
                config.enabled());
    }

    private PlacementLoop(Settings s, String instance, Clock clock, boolean enabled) {
        this.s = s;
        this.clock = clock;
        this.enabled = enabled;
        this.lease = new PlacementLease(s.pool(), instance, s.lease(), clock);
    }

    /** Another replica on the same database, with its own clock (tests). */
    public PlacementLoop withInstance(String instance, Clock otherClock) {
        return new PlacementLoop(s, instance, otherClock, true);
    }

    /** The same replica starting automatic rollouts with {@code other} (tests: another fleet-wide limit). */
    public PlacementLoop withAutoRollouts(AutoRollouts other) {
        return new PlacementLoop(s.with(other), lease.holder(), clock, true);
    }

    public PlacementLease lease() {
        return lease;
    }

    @Scheduled(every = "${modelfleet.placement.tick:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (enabled) {
            try {
                evaluateOnce();
            } catch (RuntimeException e) {
                // The database restarting, say: nothing was committed; the next tick tries again.
                LOG.warnf("instance=%s placement evaluation failed; the next tick retries: %s", lease.holder(),
                        e.toString());
            }
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        PlacementLease.Held h = held;
        if (enabled && h != null) {
            try {
                lease.release(h);
            } catch (RuntimeException e) {
                LOG.debugf("placement lease not released at shutdown (it expires by itself): %s", e.toString());
            }
        }
    }

    /** One pass: take or renew the lease, and evaluate when an evaluation is due. */
    public Pass evaluateOnce() {
        return lead().map(h -> {
            EvaluationStore.Triggers triggers = await(s.evaluations().triggers());
            OffsetDateTime last = await(s.evaluations().lastEvaluatedAt());
            return Cadence.due(last == null ? null : last.toInstant(), triggers.count(), clock.instant(),
                    s.interval(), s.minGap())
                    .map(cause -> evaluate(h, cause, triggers))
                    .orElse(new Pass(Outcome.NOT_DUE));
        }).orElse(new Pass(Outcome.NOT_LEADER));
    }

    /** One evaluation now whatever the cadence says, if this replica leads (tests, and operators' tools). */
    public Pass evaluateNow(String cause) {
        return lead().map(h -> evaluate(h, cause, await(s.evaluations().triggers())))
                .orElse(new Pass(Outcome.NOT_LEADER));
    }

    private Optional<PlacementLease.Held> lead() {
        Optional<PlacementLease.Held> got = lease.acquire();
        PlacementLease.Held before = held;
        if (got.isPresent() && (before == null || before.token() != got.get().token())) {
            LOG.infof("instance=%s leads placement evaluations (lease token %d)", lease.holder(), got.get().token());
        }
        held = got.orElse(null);
        return got;
    }

    private Pass evaluate(PlacementLease.Held h, String cause, EvaluationStore.Triggers triggers) {
        try {
            return evaluateHolding(h, cause, triggers);
        } catch (PlacementLease.LeaseLost e) {
            held = null;
            cache = new UnitCache();
            LOG.infof("instance=%s lost the placement lease; another replica evaluates now (%s)", lease.holder(),
                    e.getMessage());
            return new Pass(Outcome.LEASE_LOST);
        }
    }

    private Pass evaluateHolding(PlacementLease.Held h, String cause, EvaluationStore.Triggers triggers) {
        PlanService.Inputs inputs = fleet();
        PlacementLease.Held renewed = lease.renew(h);
        List<Proposal> proposals = List.of();
        java.util.Set<String> undecided = java.util.Set.of();
        Evaluation evaluation = new Evaluation(List.of(), 0, 0, 0);
        String note = null;
        if (inputs == null) {
            note = "nothing to evaluate: no deployment has demand";
        } else {
            note = declaredStoodIn(inputs);
            evaluation = solve(inputs.snapshot(), renewed);
            renewed = lease.renew(renewed);
            proposals = Proposals.of(evaluation, inputs.snapshot(), then(inputs), s.thresholds());
            undecided = Proposals.undecided(evaluation, inputs.snapshot());
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(java.time.ZoneOffset.UTC)
                .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        PlacementLease.Held fence = renewed;
        Evaluation done = evaluation;
        List<Proposal> made = proposals;
        java.util.Set<String> leftAlone = undecided;
        String noted = note;
        PlacementStatusView.Evaluation figures = await(s.pool().withTransaction(tx -> lease.fence(tx, fence)
                .chain(() -> s.recommendations().tracked(tx))
                .map(tracked -> Stabilizer.next(tracked, made, leftAlone, now.toInstant(), s.thresholds()))
                .chain(steps -> s.recommendations().apply(tx, steps, now, fence.token()))
                .chain(applied -> s.evaluations().consume(tx, triggers).map(consumed ->
                        new PlacementStatusView.Evaluation(now, lease.holder(), cause, done.unitsSolved(),
                                done.unitsReused(), done.millis(), made.size(), applied.created(), applied.advanced(),
                                applied.superseded(), consumed, noted)))
                .call(row -> s.evaluations().record(tx, row, fence.token()))));
        LOG.infof("instance=%s evaluated the fleet (%s): %d units solved, %d reused, %d ms, %d proposals,"
                + " %d created, %d advanced, %d superseded", lease.holder(), cause, figures.unitsSolved(),
                figures.unitsReused(), figures.millis(), figures.proposals(), figures.created(), figures.advanced(),
                figures.superseded());
        return new Pass(Outcome.EVALUATED, figures, startWithinBudget(now.toInstant(), fence));
    }

    /**
     * Design 006, failure cases: with Prometheus down, observed demand falls back to declared, as plans do; the
     * evaluation says so (null when every row that asked for observed demand got it).
     */
    static String declaredStoodIn(PlanService.Inputs inputs) {
        List<String> pairs = inputs.demand().stream().filter(d -> d.note() != null && d.observedRps() == null
                && d.source() != io.modelfleet.fleet.domain.DemandSource.DECLARED)
                .map(d -> d.deployment() + "/" + d.cluster()).sorted().toList();
        return pairs.isEmpty() ? null : "observed demand unavailable, declared demand used for " + pairs.size()
                + (pairs.size() == 1 ? " pair: " : " pairs: ") + String.join(", ", pairs.subList(0,
                        Math.min(10, pairs.size()))) + (pairs.size() > 10 ? ", ..." : "");
    }

    /**
     * After the commit, the leader starts what autoRollout WITHIN_BUDGET deployments may roll out now (I9). A
     * failure here never undoes the evaluation; the next one tries again.
     */
    private List<String> startWithinBudget(java.time.Instant now, PlacementLease.Held held) {
        try {
            // Only the leader starts rollouts: renewed right before, so no other replica's pass overlaps this one.
            lease.renew(held);
            List<String> started = subscribeAndAwait(() -> s.autoRollouts().startWithinBudget(now));
            if (!started.isEmpty()) {
                LOG.infof("instance=%s started rollouts within budget: %s", lease.holder(), started);
            }
            return started;
        } catch (RuntimeException e) {
            LOG.warnf("instance=%s starting rollouts within budget failed; the next evaluation tries again: %s",
                    lease.holder(), e.toString());
            return List.of();
        }
    }

    /** The fleet's inputs as a plan of every deployment reads them; null when no deployment has demand. */
    private PlanService.Inputs fleet() {
        try {
            return subscribeAndAwait(() -> s.plans().inputs(null));
        } catch (ProblemException e) {
            if (e.problem().status() == 400) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Solves on a worker thread and renews the lease meanwhile (every third of the lease), so an evaluation that
     * takes the whole time limit keeps it. A lost lease stops the solve: its result could not be written anyway.
     */
    private Evaluation solve(CatalogSnapshot snapshot, PlacementLease.Held h) {
        Deadline deadline = Deadline.in(s.timeLimit());
        UnitCache units = cache;
        CompletableFuture<Evaluation> solving = CompletableFuture.supplyAsync(
                () -> s.planner().evaluate(snapshot, deadline, units), Infrastructure.getDefaultWorkerPool());
        long renewEvery = Math.max(100, s.lease().toMillis() / 3);
        PlacementLease.Held current = h;
        while (true) {
            try {
                return solving.get(renewEvery, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                try {
                    current = lease.renew(current);
                } catch (RuntimeException lost) {
                    deadline.cancel();
                    throw lost;
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deadline.cancel();
                throw new IllegalStateException("interrupted while evaluating the fleet", e);
            }
        }
    }

    /** Per deployment and cluster, the snapshot of the plan what runs there came from (null when unknown). */
    private java.util.function.BiFunction<String, String, CatalogSnapshot> then(PlanService.Inputs inputs) {
        Map<String, UUID> planOf = new HashMap<>();
        for (RunningChoices.RunningChoice r : inputs.running()) {
            if (r.planId() != null) {
                planOf.put(r.deployment() + "\n" + r.cluster(), r.planId());
            }
        }
        Map<UUID, CatalogSnapshot> snapshots = await(s.evaluations().planSnapshots(
                new java.util.TreeSet<>(planOf.values())));
        return (deployment, cluster) -> {
            UUID plan = planOf.get(deployment + "\n" + cluster);
            return plan == null ? null : snapshots.get(plan);
        };
    }

    private static <T> T await(Uni<T> work) {
        return work.await().atMost(Duration.ofSeconds(60));
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
