package io.modelfleet.rollout;

import io.modelfleet.analysis.domain.StepAnalysis;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.repository.ClusterRepository;
import io.modelfleet.metrics.RolloutMetrics;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.plans.PlanEntity;
import io.modelfleet.plans.PlanJson;
import io.modelfleet.plans.PlanRepository;
import io.modelfleet.rollout.engine.LeaseLost;
import io.modelfleet.rollout.engine.Outcome;
import io.modelfleet.rollout.engine.ReasonCode;
import io.modelfleet.rollout.engine.RolloutDecider;
import io.modelfleet.rollout.engine.RolloutFailpoint;
import io.modelfleet.rollout.engine.RolloutLease;
import io.modelfleet.rollout.engine.RolloutState;
import io.modelfleet.rollout.engine.RolloutStore;
import io.modelfleet.rollout.engine.StoreUnavailable;
import io.modelfleet.rollout.engine.TargetFailure;
import io.modelfleet.rollout.engine.Transition;
import io.modelfleet.rollout.engine.TransitionRunner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Drives rollouts (docs/designs/001-rollout-engine.md): every tick it starts retirements for what no deployment
 * demands any more, claims the rollouts it may drive (lease with a fencing token), and for each one loops
 * load → {@link RolloutDecider#next} → {@link TransitionRunner#run} → fenced commit, until the rollout waits or ends.
 * A replica that loses a lease stops at once; a restarted control plane simply claims again and continues from the
 * stored state.
 */
@ApplicationScoped
public class RolloutEngine {

    private static final Logger LOG = Logger.getLogger(RolloutEngine.class);
    private static final int TRANSITIONS_PER_TICK = 50;
    private static final int CLAIMS_PER_TICK = 25;

    private final Pool pool;
    private final Clock clock;
    private final RolloutLease lease;
    private final RolloutStore store;
    private final TransitionRunner runner;
    private final Retirements retirements;
    private final RolloutFailpoint failpoint;
    private final boolean enabled;
    private final Map<UUID, RolloutLease.Claim> claims = new ConcurrentHashMap<>();
    private final Settings settings;

    /** Everything an engine is built from; a second engine (another replica, in tests) differs only in its owner. */
    record Settings(Pool pool, ClusterRepository clusters, PlanRepository plans, RolloutTargets targets, Clock clock,
            Duration lease, int maxAttempts, Duration backoff, int stepTimeoutSeconds, String defaultNamespace,
            RolloutFailpoint failpoint, StepAnalysis analysis, RolloutMetrics metrics) {

        Settings withAnalysis(StepAnalysis other) {
            return new Settings(pool, clusters, plans, targets, clock, lease, maxAttempts, backoff, stepTimeoutSeconds,
                    defaultNamespace, failpoint, other, metrics);
        }
    }

    @Inject
    public RolloutEngine(Pool pool, ClusterRepository clusters, PlanRepository plans, RolloutTargets targets,
            Clock clock, RolloutConfig config, Instance<StepAnalysis> analysis,
            RolloutMetrics metrics) {
        this(new Settings(pool, clusters, plans, targets, clock, config.lease(), config.maxAttempts(),
                config.retryBackoff(), config.stepTimeoutSeconds(), config.namespace(),
                new RolloutFailpoint(config.failpoint().haltAfterTransition(), config.failpoint().markerFile()),
                // Without an implementation (analysis-core not deployed) an analyzed step fails with a clear reason.
                analysis.isResolvable() ? analysis.get() : null, metrics),
                config.instanceId().filter(s -> !s.isBlank()).orElse("modelfleet-" + UUID.randomUUID()),
                config.engineEnabled());
    }

    private RolloutEngine(Settings s, String instance, boolean enabled) {
        this.settings = s;
        this.pool = s.pool();
        this.clock = s.clock();
        this.enabled = enabled;
        this.failpoint = s.failpoint();
        this.lease = new RolloutLease(pool, instance, s.lease(), clock);
        this.store = new RolloutStore(pool, clock);
        this.runner = new TransitionRunner(cluster -> target(s.clusters(), s.targets(), cluster),
                (planId, cluster, namespaces) -> placements(s.plans(), planId, cluster, namespaces), clock,
                s.maxAttempts(), s.backoff(), s.analysis());
        this.retirements = new Retirements(pool, clock, s.stepTimeoutSeconds(), s.defaultNamespace());
    }

    /** Another replica of the control plane on the same database (tests). */
    public RolloutEngine withInstance(String otherInstance) {
        return new RolloutEngine(settings, otherInstance, true);
    }

    /** The same replica measuring steps with another {@link StepAnalysis} (tests that script measurements). */
    public RolloutEngine withAnalysis(StepAnalysis other) {
        return new RolloutEngine(settings.withAnalysis(other), lease.owner(), true);
    }

    public String instance() {
        return lease.owner();
    }

    @Scheduled(every = "${modelfleet.rollout.tick-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (enabled) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                // PostgreSQL restarting, say: nothing was committed, the next tick reloads the state.
                LOG.warnf("instance=%s rollout tick failed; the next tick retries: %s", lease.owner(), e.toString());
            }
        }
    }

    /** One pass: retire orphans, claim what this instance may drive, advance each as far as it can go now. */
    public int runOnce() {
        try {
            retirements.startForOrphans();
        } catch (RuntimeException e) {
            // A retirement racing a new rollout of the same deployment, say: the next tick looks again.
            LOG.warnf("instance=%s looking for orphans failed; the next tick looks again: %s", lease.owner(),
                    e.toString());
        }
        List<UUID> claimed = claim();
        for (UUID id : claimed) {
            try {
                drive(id, TRANSITIONS_PER_TICK);
            } catch (RuntimeException e) {
                LOG.errorf(e, "rollout=%s instance=%s advancing failed; it is retried on the next tick", id,
                        lease.owner());
            }
        }
        return claimed.size();
    }

    /** Claims runnable rollouts (unleased, lapsed or already this instance's); returns their ids. */
    public List<UUID> claim() {
        List<RolloutLease.Claim> got = lease.claim(CLAIMS_PER_TICK);
        got.forEach(c -> claims.put(c.rolloutId(), c));
        return got.stream().map(RolloutLease.Claim::rolloutId).toList();
    }

    /** Advances a claimed rollout by at most {@code transitions} committed transitions. */
    public void drive(UUID id, int transitions) {
        RolloutLease.Claim claim = claims.get(id);
        if (claim == null) {
            return;
        }
        try {
            for (int i = 0; i < transitions; i++) {
                if (!step(claim)) {
                    return;
                }
            }
        } catch (StoreUnavailable e) {
            LOG.warnf("rollout=%s instance=%s stops this pass: %s", id, lease.owner(), e.getMessage());
        } catch (LeaseLost e) {
            claims.remove(id);
            LOG.infof("rollout=%s instance=%s lost its lease; another replica drives it now (%s)", id, lease.owner(),
                    e.getMessage());
        }
    }

    /** One decide-do-commit; false when the rollout waits, is paused or has ended. */
    private boolean step(RolloutLease.Claim claim) {
        lease.renew(claim);
        RolloutState state = store.load(claim.rolloutId());
        if (state == null) {
            return false;
        }
        Transition t = RolloutDecider.next(state, clock.instant());
        if (t instanceof Transition.Idle || t instanceof Transition.Wait) {
            if (state.status().terminal()) {
                claims.remove(claim.rolloutId());
            }
            return false;
        }
        Outcome outcome = runner.run(state, t, () -> renewForWrite(claim));
        boolean committed = store.commit(lease, claim, state, outcome);
        if (!committed) {
            // A user paused or aborted in between: decide again from what is stored now.
            return true;
        }
        settings.metrics().committed(state, outcome);
        if (outcome.kind() != Outcome.Kind.TRANSITION) {
            return false;
        }
        failpoint.afterCommit(t.name());
        if (outcome.ends()) {
            claims.remove(claim.rolloutId());
            return false;
        }
        return true;
    }

    /** The fence before a target write: a lost lease stops the replica; a database outage only ends this pass. */
    private void renewForWrite(RolloutLease.Claim claim) {
        try {
            lease.renew(claim);
        } catch (LeaseLost e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreUnavailable(e);
        }
    }

    private static RolloutTarget target(ClusterRepository clusters, RolloutTargets targets, String cluster) {
        ClusterEntity entity;
        try {
            entity = await(() -> Panache.withSession(() -> clusters.findByName(cluster)));
        } catch (RuntimeException e) {
            throw new StoreUnavailable(e);
        }
        if (entity == null) {
            throw TargetFailure.fatal(ReasonCode.CLUSTER_GONE, "cluster '" + cluster + "' no longer exists");
        }
        return targets.forCluster(cluster, entity.target);
    }

    private static List<Outcome.RunningRow> placements(PlanRepository plans, UUID planId, String cluster,
            Map<String, String> namespaces) {
        PlanEntity plan = await(() -> Panache.withSession(() -> plans.findById(planId)));
        io.modelfleet.planning.snapshot.CatalogSnapshot snapshot = PlanJson.snapshot(plan);
        return PlanJson.result(plan).placements().stream().filter(p -> p.cluster().equals(cluster))
                .map((PlanResult.Placement p) -> new Outcome.RunningRow(p.deployment(), p.cluster(),
                        namespaces.get(p.deployment()), p.variantId(), p.precision().name(), p.hardware(), p.pool(),
                        p.replicas(), p.hourlyCostUsd(), p.batchSize(), benchmark(snapshot, p)))
                .toList();
    }

    /**
     * The benchmark the placement was planned from, its own operating point: what one of its replicas takes and
     * serves (recorded for design 006, I1).
     */
    private static io.modelfleet.planning.snapshot.Variant.Benchmark benchmark(
            io.modelfleet.planning.snapshot.CatalogSnapshot snapshot, PlanResult.Placement p) {
        return snapshot.variants().stream().filter(v -> v.id().equals(p.variantId())).findFirst()
                .flatMap(v -> v.benchmark(p.hardware(), p.batchSize(), p.concurrency())).orElse(null);
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
