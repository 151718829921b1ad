package io.modelfleet.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelfleet.common.Clock;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.repository.ClusterRepository;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutClusterEntity;
import io.modelfleet.rollout.entity.RolloutEntity;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.RolloutStepEntity;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import io.modelfleet.rollout.kube.ManifestYaml;
import io.modelfleet.rollout.kube.Manifests;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Drives rollouts, one small step at a time, with every transition written to PostgreSQL first-class:
 * claim (lease rows with FOR UPDATE SKIP LOCKED, so exactly one control-plane replica drives a rollout) →
 * next cluster in wave order → next step: capture what runs now, server-side apply, then gate on
 * observedGeneration and available replicas before a deadline. A failed gate or an error that outlives its
 * retries rolls that cluster back to what ran before and stops the later waves. A restarted control plane
 * simply claims the rollout again and continues from the stored state.
 */
@ApplicationScoped
public class RolloutEngine {

    private static final Logger LOG = Logger.getLogger(RolloutEngine.class);
    private static final int STEPS_PER_TICK = 50;

    private final Pool pool;
    private final RolloutRepository rollouts;
    private final ClusterRepository clusters;
    private final RolloutTargets targets;
    private final RunningPlacements running;
    private final String instance;
    private final Duration lease;
    private final int maxAttempts;
    private final Duration backoff;
    private final boolean enabled;

    @jakarta.inject.Inject
    public RolloutEngine(Pool pool, RolloutRepository rollouts, ClusterRepository clusters, RolloutTargets targets,
            RunningPlacements running,
            @ConfigProperty(name = "modelfleet.rollout.instance-id") Optional<String> instance,
            @ConfigProperty(name = "modelfleet.rollout.lease") Duration lease,
            @ConfigProperty(name = "modelfleet.rollout.max-attempts") int maxAttempts,
            @ConfigProperty(name = "modelfleet.rollout.retry-backoff") Duration backoff,
            @ConfigProperty(name = "modelfleet.rollout.engine-enabled") boolean enabled) {
        this(pool, rollouts, clusters, targets, running, instance.orElse("modelfleet-" + UUID.randomUUID()), lease,
                maxAttempts, backoff, enabled);
    }

    /** A second engine on the same database, as another control-plane replica would run (used by tests). */
    public RolloutEngine(Pool pool, RolloutRepository rollouts, ClusterRepository clusters, RolloutTargets targets,
            RunningPlacements running, String instance, Duration lease, int maxAttempts, Duration backoff,
            boolean enabled) {
        this.pool = pool;
        this.rollouts = rollouts;
        this.clusters = clusters;
        this.targets = targets;
        this.running = running;
        this.instance = instance;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.enabled = enabled;
    }

    public RolloutEngine withInstance(String otherInstance) {
        return new RolloutEngine(pool, rollouts, clusters, targets, running, otherInstance, lease, maxAttempts, backoff,
                true);
    }

    @Scheduled(every = "${modelfleet.rollout.tick-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (enabled) {
            runOnce();
        }
    }

    /** One pass: claim what this instance may drive, advance each as far as it can go now. */
    public int runOnce() {
        List<UUID> claimed = claim();
        for (UUID id : claimed) {
            try {
                drive(id, STEPS_PER_TICK);
            } catch (RuntimeException e) {
                LOG.errorf(e, "rollout=%s instance=%s advancing failed; it is retried on the next tick", id, instance);
            }
        }
        return claimed.size();
    }

    /** Advances a claimed rollout by at most {@code steps} transitions. */
    public void drive(UUID id, int steps) {
        try {
            for (int i = 0; i < steps; i++) {
                if (!renewLease(id) || !advance(id)) {
                    return;
                }
            }
        } catch (LeaseLost e) {
            LOG.infof("rollout=%s instance=%s lost its lease; another replica drives it now", id, instance);
        }
    }

    /** Thrown when a write finds that this instance no longer holds the rollout's lease. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    List<UUID> claim() {
        return await(() -> pool.preparedQuery("UPDATE rollout SET lease_owner = $1,"
                + " lease_until = now() + make_interval(secs => $2) WHERE id IN (SELECT id FROM rollout"
                + " WHERE status IN ('RUNNING', 'ABORTING') AND (lease_until IS NULL OR lease_until < now()"
                + " OR lease_owner = $1) ORDER BY lease_until NULLS FIRST, created_at LIMIT 25 FOR UPDATE SKIP LOCKED)"
                + " RETURNING id")
                .execute(Tuple.of(instance, lease.toMillis() / 1000.0))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID("id"));
                    }
                    return ids;
                }));
    }

    private boolean renewLease(UUID id) {
        return await(() -> pool.preparedQuery("UPDATE rollout SET lease_until = now() + make_interval(secs => $3)"
                + " WHERE id = $1 AND lease_owner = $2").execute(Tuple.of(id, instance, lease.toMillis() / 1000.0))
                .map(rows -> rows.rowCount() == 1));
    }

    /** One transition; false when there is nothing to do until later. */
    private boolean advance(UUID id) {
        RolloutEntity r = await(() -> Panache.withSession(() -> rollouts.findFull(id)));
        if (r == null) {
            return false;
        }
        List<RolloutClusterEntity> ordered = r.clusters.stream()
                .sorted(Comparator.comparingInt((RolloutClusterEntity c) -> c.wave).thenComparingInt(c -> c.position))
                .toList();
        Optional<RolloutClusterEntity> current = ordered.stream()
                .filter(c -> c.status == ClusterStatus.PENDING || c.status == ClusterStatus.IN_PROGRESS).findFirst();
        if (r.status == RolloutStatus.ABORTING) {
            current.filter(c -> c.status == ClusterStatus.IN_PROGRESS)
                    .ifPresent(c -> rollBack(r, c, "rolled back: the rollout was aborted"));
            finish(r, RolloutStatus.ABORTED, "aborted by a user" + current.map(c -> c.status == ClusterStatus.IN_PROGRESS
                    ? "; cluster " + c.cluster + " was rolled back to what ran before" : "").orElse(""));
            return false;
        }
        if (r.status != RolloutStatus.RUNNING) {
            return false;
        }
        if (current.isEmpty()) {
            finish(r, RolloutStatus.SUCCEEDED, "every cluster runs the plan");
            return false;
        }
        RolloutClusterEntity c = current.get();
        Optional<RolloutStepEntity> failed = c.steps.stream().filter(x -> x.status == StepStatus.FAILED).findFirst();
        if (failed.isPresent()) {
            // A failure whose rollback did not finish (the control plane stopped in between): finish it, never
            // move on to the next step.
            rollBack(r, c, "rolled back: " + failed.get().reason);
            finish(r, RolloutStatus.FAILED, "cluster " + c.cluster + ": " + failed.get().reason
                    + "; later waves did not start");
            return false;
        }
        if (c.status == ClusterStatus.PENDING) {
            updateCluster(r.id, c.id, x -> {
                x.status = ClusterStatus.IN_PROGRESS;
                x.startedAt = Clock.now();
                x.reason = "wave " + c.wave + " started";
            });
            LOG.infof("rollout=%s cluster=%s wave=%d started", r.id, c.cluster, c.wave);
            return true;
        }
        Optional<RolloutStepEntity> next = c.steps.stream()
                .filter(s -> s.status == StepStatus.PENDING || s.status == StepStatus.WAITING).findFirst();
        if (next.isEmpty()) {
            await(() -> running.record(r.id, r.planId, c.cluster));
            updateCluster(r.id, c.id, x -> {
                x.status = ClusterStatus.SUCCEEDED;
                x.finishedAt = Clock.now();
                x.reason = "all steps done";
            });
            LOG.infof("rollout=%s cluster=%s succeeded", r.id, c.cluster);
            return true;
        }
        RolloutStepEntity step = next.get();
        if (step.nextAttemptAt != null && step.nextAttemptAt.isAfter(Clock.now())) {
            return false;
        }
        try {
            RolloutTarget target = target(c.cluster);
            if (step.status == StepStatus.PENDING) {
                perform(r, c, step, target);
                return true;
            }
            return gate(r, c, step, target);
        } catch (RuntimeException e) {
            return retryOrFail(r, c, step, e);
        }
    }

    private void perform(RolloutEntity r, RolloutClusterEntity c, RolloutStepEntity step, RolloutTarget target) {
        if (step.action == StepAction.UPSERT) {
            List<HasMetadata> objects = Manifests.parseAll(step.desired);
            if (step.previous == null) {
                String previous = ManifestYaml.of(objects.stream().map(target::read).flatMap(Optional::stream)
                        .map(Manifests::restorable).toList());
                updateStep(r.id, step.id, s -> s.previous = previous);
            }
            long generation = target.apply(objects);
            updateStep(r.id, step.id, s -> {
                s.status = StepStatus.WAITING;
                s.targetGeneration = generation;
                s.deadlineAt = Clock.now().plusSeconds(s.timeoutSeconds);
                s.attempts = 0;
                s.nextAttemptAt = null;
                s.reason = "applied; waiting for " + s.requiredReplicas + " replicas of " + s.workload;
            });
            LOG.infof("rollout=%s cluster=%s step=%d deployment=%s applied %s generation=%d", r.id, c.cluster,
                    step.position, step.deployment, step.workload, generation);
            return;
        }
        List<String> others = target.workloadsOf(step.namespace, step.deployment).stream()
                .filter(name -> !name.equals(step.workload)).toList();
        if (!others.isEmpty() && !target.observable() && !existedBefore(c, step)) {
            // A GitOps directory cannot tell when the new workload is serving: removing the old one in the same
            // sync could drop capacity. It stays until a rollout finds the new one already in place.
            updateStep(r.id, step.id, s -> {
                s.status = StepStatus.DONE;
                s.previous = "";
                s.reason = "kept " + String.join(", ", others) + " beside " + s.workload + ": a GitOps target cannot"
                        + " report when the new workload serves; a later rollout of this deployment retires them";
            });
            return;
        }
        List<HasMetadata> refs = others.stream()
                .flatMap(name -> Manifests.workloadRefs(step.namespace, name, step.deployment).stream()).toList();
        if (step.previous == null) {
            String previous = ManifestYaml.of(refs.stream().map(target::read).flatMap(Optional::stream)
                    .map(Manifests::restorable).toList());
            updateStep(r.id, step.id, s -> s.previous = previous);
        }
        refs.forEach(target::delete);
        updateStep(r.id, step.id, s -> {
            s.status = StepStatus.DONE;
            s.attempts = 0;
            s.nextAttemptAt = null;
            s.reason = others.isEmpty() ? "nothing else to retire"
                    : "retired " + String.join(", ", others) + " after " + s.workload + " became available";
        });
        LOG.infof("rollout=%s cluster=%s step=%d deployment=%s retired %s", r.id, c.cluster, step.position,
                step.deployment, others);
    }

    /** Whether the deployment's new workload was already there before this rollout applied it. */
    private static boolean existedBefore(RolloutClusterEntity c, RolloutStepEntity retire) {
        return c.steps.stream().filter(s -> s.action == StepAction.UPSERT && s.deployment.equals(retire.deployment))
                .anyMatch(s -> s.previous != null && Manifests.parseAll(s.previous).stream()
                        .anyMatch(o -> "Deployment".equals(o.getKind())
                                && retire.workload.equals(o.getMetadata().getName())));
    }

    private boolean gate(RolloutEntity r, RolloutClusterEntity c, RolloutStepEntity step, RolloutTarget target) {
        if (!target.observable()) {
            updateStep(r.id, step.id, s -> {
                s.status = StepStatus.DONE;
                s.reason = "written to the GitOps directory; Argo CD or Flux applies it";
            });
            return true;
        }
        var status = target.status(step.namespace, step.workload);
        long observed = status.map(RolloutTarget.WorkloadStatus::observedGeneration).orElse(0L);
        int available = status.map(RolloutTarget.WorkloadStatus::availableReplicas).orElse(0);
        int updated = status.map(RolloutTarget.WorkloadStatus::updatedReplicas).orElse(0);
        int pods = status.map(RolloutTarget.WorkloadStatus::replicas).orElse(0);
        long wanted = step.targetGeneration == null ? 0 : step.targetGeneration;
        String progress = available + " of " + step.requiredReplicas + " replicas available, " + updated
                + " updated, " + pods + " pods, observed generation " + observed + " of " + wanted;
        // As `kubectl rollout status`: the new generation observed, every pod updated (no old pod still counted
        // as available), and enough of them available.
        if (observed >= wanted && updated >= step.requiredReplicas && pods <= updated
                && available >= step.requiredReplicas) {
            updateStep(r.id, step.id, s -> {
                s.status = StepStatus.DONE;
                s.reason = "ready: " + progress;
            });
            LOG.infof("rollout=%s cluster=%s step=%d deployment=%s ready", r.id, c.cluster, step.position,
                    step.deployment);
            return true;
        }
        if (step.deadlineAt != null && Clock.now().isAfter(step.deadlineAt)) {
            fail(r, c, step, "gate failed: " + step.namespace + "/" + step.workload + " had " + progress + " after "
                    + step.timeoutSeconds + " s");
            return false;
        }
        if (!("waiting: " + progress).equals(step.reason) || step.attempts > 0) {
            updateStep(r.id, step.id, s -> {
                s.reason = "waiting: " + progress;
                s.attempts = 0;
            });
        }
        return false;
    }

    private boolean retryOrFail(RolloutEntity r, RolloutClusterEntity c, RolloutStepEntity step, RuntimeException e) {
        String error = describe(e);
        if (retryable(e) && step.attempts + 1 < maxAttempts) {
            long delay = backoff.toMillis() * (1L << Math.min(step.attempts, 5));
            updateStep(r.id, step.id, s -> {
                s.attempts = s.attempts + 1;
                s.nextAttemptAt = Clock.now().plus(Duration.ofMillis(delay));
                s.reason = "retrying (attempt " + s.attempts + " of " + (maxAttempts - 1) + ") after: " + error;
            });
            LOG.warnf("rollout=%s cluster=%s step=%d retry in %d ms after: %s", r.id, c.cluster, step.position, delay,
                    error);
            return false;
        }
        fail(r, c, step, (retryable(e) ? "gave up after " + maxAttempts + " attempts: " : "failed: ") + error);
        return false;
    }

    /** A failed step: roll the cluster back, skip what is left, and stop the rollout. */
    private void fail(RolloutEntity r, RolloutClusterEntity c, RolloutStepEntity step, String reason) {
        LOG.warnf("rollout=%s cluster=%s step=%d deployment=%s %s", r.id, c.cluster, step.position, step.deployment,
                reason);
        updateStep(r.id, step.id, s -> {
            s.status = StepStatus.FAILED;
            s.reason = reason;
        });
        rollBack(r, c, "rolled back: " + reason);
        finish(r, RolloutStatus.FAILED, "cluster " + c.cluster + ": " + reason + "; later waves did not start");
    }

    /** Restores every object this cluster's started steps touched, newest first, to what it was before. */
    private void rollBack(RolloutEntity r, RolloutClusterEntity c, String reason) {
        RolloutClusterEntity fresh = await(() -> Panache.withSession(() -> rollouts.findFull(c.rollout.id)))
                .clusters.stream().filter(x -> x.id.equals(c.id)).findFirst().orElseThrow();
        RolloutTarget target = target(c.cluster);
        List<String> problems = new ArrayList<>();
        List<RolloutStepEntity> steps = new ArrayList<>(fresh.steps);
        steps.sort(Comparator.comparingInt((RolloutStepEntity s) -> s.position).reversed());
        for (RolloutStepEntity s : steps) {
            if (!renewLease(r.id)) {
                throw new LeaseLost();
            }
            if (s.previous == null) {
                updateStep(r.id, s.id, x -> {
                    if (x.status == StepStatus.PENDING) {
                        x.status = StepStatus.SKIPPED;
                    }
                });
                continue;
            }
            try {
                restore(s, target);
                updateStep(r.id, s.id, x -> {
                    if (x.status != StepStatus.FAILED) {
                        x.status = StepStatus.ROLLED_BACK;
                        x.reason = "restored what ran before";
                    }
                });
            } catch (RuntimeException e) {
                problems.add("step " + s.position + ": " + describe(e));
            }
        }
        String outcome = problems.isEmpty() ? reason : reason + "; rollback incomplete: " + String.join("; ", problems);
        updateCluster(r.id, c.id, x -> {
            x.status = ClusterStatus.ROLLED_BACK;
            x.finishedAt = Clock.now();
            x.reason = outcome;
        });
    }

    private static void restore(RolloutStepEntity s, RolloutTarget target) {
        Map<String, HasMetadata> before = Manifests.parseAll(s.previous).stream()
                .collect(Collectors.toMap(Manifests::key, Function.identity()));
        if (s.action == StepAction.RETIRE) {
            before.values().forEach(o -> target.apply(List.of(o)));
            return;
        }
        for (HasMetadata object : Manifests.parseAll(s.desired)) {
            HasMetadata previous = before.get(Manifests.key(object));
            if (previous != null) {
                target.apply(List.of(previous));
            } else {
                target.delete(object);
            }
        }
    }

    private void finish(RolloutEntity r, RolloutStatus status, String reason) {
        await(() -> Panache.withTransaction(() -> holdLease(r.id).chain(() -> rollouts.findFull(r.id)).chain(x -> {
            x.status = status;
            x.reason = reason;
            x.updatedAt = Clock.now();
            x.leaseOwner = null;
            x.leaseUntil = null;
            x.clusters.stream().filter(c -> c.status == ClusterStatus.PENDING).forEach(c -> {
                c.status = ClusterStatus.SKIPPED;
                c.reason = status == RolloutStatus.SUCCEEDED ? c.reason : "not started: " + reason;
                c.steps.forEach(s -> s.status = StepStatus.SKIPPED);
            });
            return Panache.getSession().chain(session -> session.createMutationQuery(
                    "delete from ActiveRolloutDeployment a where a.rolloutId = ?1").setParameter(1, r.id)
                    .executeUpdate());
        })));
        LOG.infof("rollout=%s %s: %s", r.id, status, reason);
    }

    private RolloutTarget target(String cluster) {
        ClusterEntity entity = await(() -> Panache.withSession(() -> clusters.findByName(cluster)));
        if (entity == null) {
            throw new IllegalStateException("cluster '" + cluster + "' no longer exists");
        }
        return targets.forCluster(cluster, entity.target);
    }

    private void updateStep(UUID rolloutId, Long id, Consumer<RolloutStepEntity> change) {
        await(() -> Panache.withTransaction(() -> holdLease(rolloutId).chain(() -> Panache.getSession())
                .chain(s -> s.find(RolloutStepEntity.class, id)).invoke(step -> {
                    change.accept(step);
                    step.updatedAt = Clock.now();
                })));
    }

    private void updateCluster(UUID rolloutId, Long id, Consumer<RolloutClusterEntity> change) {
        await(() -> Panache.withTransaction(() -> holdLease(rolloutId).chain(() -> Panache.getSession())
                .chain(s -> s.find(RolloutClusterEntity.class, id)).invoke(change)));
    }

    /**
     * Every state write first locks the rollout row and checks, in the same transaction, that this instance still
     * holds an unexpired lease: a replica that was too slow can never overwrite the one that took over.
     */
    private Uni<Void> holdLease(UUID rolloutId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT CAST(id AS text) FROM rollout WHERE id = ?1"
                + " AND lease_owner = ?2 AND lease_until > now() FOR UPDATE", Object.class)
                .setParameter(1, rolloutId).setParameter(2, instance).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new LeaseLost();
                    }
                    return null;
                });
    }

    /** 409 conflicts, throttling, 5xx and I/O failures are worth another try; other errors are not. */
    static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k) {
                int code = k.getCode();
                return code == 0 || code == 409 || code == 429 || code >= 500;
            }
            if (t instanceof IOException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        if (e instanceof KubernetesClientException k && k.getCode() > 0) {
            return "Kubernetes API answered " + k.getCode() + (k.getStatus() != null && k.getStatus().getMessage() != null
                    ? " (" + k.getStatus().getMessage() + ")" : "");
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
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
