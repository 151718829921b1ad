package io.modelfleet.rollout;

import io.modelfleet.analysis.domain.AnalysisInputs;
import io.modelfleet.api.Names;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Violations;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.modelfleet.catalog.repository.VariantRepository;
import io.modelfleet.common.Clock;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.repository.ClusterRepository;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.plans.PlanJson;
import io.modelfleet.plans.PlanRepository;
import io.modelfleet.rollout.RolloutViews.RolloutView;
import io.modelfleet.rollout.engine.AnalysisSnapshot;
import io.modelfleet.rollout.entity.ActiveRolloutDeployment;
import io.modelfleet.rollout.engine.ReasonCode;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutKind;
import io.modelfleet.rollout.entity.RunningPlacement;
import io.modelfleet.rollout.entity.RolloutClusterEntity;
import io.modelfleet.rollout.entity.RolloutEntity;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.RolloutStepEntity;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import io.modelfleet.rollout.kube.ManifestRenderer;
import io.modelfleet.rollout.kube.ManifestYaml;
import io.modelfleet.rollout.kube.ObjectNames;
import io.modelfleet.rollout.kube.Workload;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Starts rollouts from stored plans and takes pause, resume and abort; the engine does the rest. */
@ApplicationScoped
public class RolloutService {

    static final int MAX_STEP_TIMEOUT_SECONDS = 86_400;
    static final int MAX_WAVES = 64;
    static final int MAX_CLUSTERS_PER_WAVE = 1_000;

    private final RolloutRepository rollouts;
    private final PlanRepository plans;
    private final VariantRepository variants;
    private final ClusterRepository clusters;
    private final HardwareProfileRepository hardware;
    private final io.modelfleet.fleet.repository.DeploymentRepository deployments;
    private final ManifestRenderer renderer;
    private final String defaultNamespace;
    private final int defaultStepTimeout;
    private final RolloutActions actions;
    private final RunningPlacements running;
    private final AnalysisInputs analysisInputs;

    public RolloutService(RolloutRepository rollouts, PlanRepository plans, VariantRepository variants,
            ClusterRepository clusters, HardwareProfileRepository hardware,
            io.modelfleet.fleet.repository.DeploymentRepository deployments, RolloutActions actions,
            RunningPlacements running, RolloutConfig config, AnalysisInputs analysisInputs,
            io.modelfleet.plans.FleetReservations reservations) {
        this.reservations = reservations;
        this.analysisInputs = analysisInputs;
        this.rollouts = rollouts;
        this.plans = plans;
        this.variants = variants;
        this.clusters = clusters;
        this.hardware = hardware;
        this.deployments = deployments;
        this.renderer = new ManifestRenderer(config.capacityTypeLabel());
        this.defaultNamespace = config.namespace();
        this.defaultStepTimeout = config.stepTimeoutSeconds();
        this.actions = actions;
        this.running = running;
    }

    private final io.modelfleet.plans.FleetReservations reservations;

    @WithTransaction
    public Uni<RolloutView> create(RolloutRequest request, String createdBy) {
        return create(request, createdBy, Map.of());
    }

    /**
     * Starts a rollout whose hardware or precision switches bring at most {@code maxBatchByDeployment} new replicas
     * up per batch for the deployments it names (their disruption budgets, design 006 I9); a cap at or above a
     * switch's replicas changes nothing. Deployments it does not name switch as {@link #create(RolloutRequest,
     * String)} does.
     */
    @WithTransaction
    public Uni<RolloutView> create(RolloutRequest request, String createdBy,
            Map<String, Integer> maxBatchByDeployment) {
        maxBatchByDeployment.forEach((deployment, cap) -> {
            if (cap == null || cap < 1) {
                throw new IllegalArgumentException("the batch cap of deployment '" + deployment
                        + "' must be at least 1, was " + cap);
            }
        });
        Violations v = new Violations();
        if (request == null) {
            v.add("body", "is required: a JSON object with planId").throwIfAny();
        }
        if (!v.required("planId", request.planId())) {
            v.throwIfAny();
        }
        v.rangeIfPresent("stepTimeoutSeconds", request.stepTimeoutSeconds(), 1, MAX_STEP_TIMEOUT_SECONDS);
        if (request.canary() != null) {
            Names.check(v, "canary", request.canary());
        }
        if (v.maxSize("waves", request.waves(), MAX_WAVES) && request.waves() != null) {
            for (int i = 0; i < request.waves().size(); i++) {
                List<String> wave = request.waves().get(i);
                if (v.maxSize("waves[" + i + "]", wave, MAX_CLUSTERS_PER_WAVE) && wave != null) {
                    for (int j = 0; j < wave.size(); j++) {
                        Names.check(v, "waves[" + i + "][" + j + "]", wave.get(j));
                    }
                }
            }
        }
        v.throwIfAny();
        return plans.findById(request.planId()).chain(plan -> {
            if (plan == null) {
                throw ProblemException.invalid("planId", "no plan " + request.planId());
            }
            if (!plan.status.finished()) {
                throw ProblemException.conflict(io.modelfleet.plans.PlanJobs.notFinished(plan));
            }
            PlanResult result = PlanJson.result(plan);
            if (result.placements().isEmpty()) {
                throw ProblemException.badRequest("plan " + plan.id + " places nothing; there is nothing to roll out");
            }
            // Design 006, I10: a transition that cannot fit is refused before anything starts. Plans stored before
            // transitions were computed have none and are rolled out as they were (see PlanJson.transition).
            PlanJson.transition(plan).filter(t -> !t.fits()).ifPresent(t -> {
                throw ProblemException.conflict("plan " + plan.id + " cannot be rolled out within its pools' maxNodes"
                        + " and quotas: " + String.join("; ", t.reasons()));
            });
            return checkUnchangedSincePlan(plan).chain(() -> load(result)).chain(catalog -> {
                List<Workload> workloads = result.placements().stream().map(p -> WorkloadResolver.resolve(p,
                        catalog.variants(), catalog.clusters(), catalog.hardware(), defaultNamespace)).toList();
                Set<String> deployments = workloads.stream().map(Workload::deployment)
                        .collect(Collectors.toCollection(TreeSet::new));
                int timeout = request.stepTimeoutSeconds() == null ? defaultStepTimeout : request.stepTimeoutSeconds();
                Map<String, Integer> waves = waves(request, workloads);
                Map<String, Double> p99 = PlanJson.snapshot(plan).deployments().stream().collect(Collectors.toMap(
                        io.modelfleet.planning.snapshot.Deployment::name, d -> d.slo().p99LatencyMs(), (a, b) -> a));
                return offEventLoop(() -> AnalysisSnapshots.take(analysisInputs, workloads, catalog.variants(), p99))
                        .chain(analysis -> running.of(deployments).chain(now -> gradualSwitches(plan, result, now,
                                catalog.clusters(), maxBatchByDeployment).chain(gradual -> {
                    RolloutEntity rollout = build(plan.id, workloads, waves, createdBy, timeout,
                            movedNamespaces(now, workloads, catalog.clusters()), gradual, analysis);
                    // Design 007, B4: a plan on ESTIMATED rows rolls out, and its rollout says so for as long as it
                    // is read.
                    rollout.warnings = RolloutViews.warningsText(result.warnings());
                    return claimDeployments(deployments, rollout.id).chain(ignored -> adoptPlannedVersions(plan))
                        .chain(ignored -> rollouts.persist(rollout))
                        .chain(saved -> Panache.getSession().chain(s -> s.persistAll(deployments.stream()
                                .map(d -> active(d, saved.id)).toArray())).replaceWith(saved));
                })));
            });
        }).map(RolloutViews::of);
    }

    @WithSession
    public Uni<RolloutView> get(UUID id) {
        return require(id).chain(r -> Panache.getSession().chain(s -> s.createSelectionQuery(
                "from RolloutMeasurementEntity m where m.stepId in (select st.id from RolloutStepEntity st"
                        + " where st.cluster.rollout.id = ?1)", io.modelfleet.rollout.entity.RolloutMeasurementEntity.class)
                .setParameter(1, id).getResultList()).map(m -> RolloutViews.of(r, m)));
    }

    @WithSession
    public Uni<Page<RolloutViews.RolloutView>> list(PageRequest page) {
        return rollouts.page(page.page(), page.size()).chain(items -> rollouts.count().map(total -> new Page<>(
                items.stream().map(RolloutViews::summary).toList(), page.page(), page.size(), total)));
    }

    /** Pause: the engine stops at the next transition boundary; a waiting step's deadline stops with it. */
    public Uni<RolloutView> pause(UUID id) {
        return actions.pause(id).chain(() -> get(id));
    }

    /** Resume: every running deadline moves by the time the rollout was paused. */
    public Uni<RolloutView> resume(UUID id) {
        return actions.resume(id).chain(() -> get(id));
    }

    /** Abort: the engine rolls back the cluster in progress and skips the rest. */
    public Uni<RolloutView> abort(UUID id) {
        return actions.abort(id).chain(() -> get(id));
    }

    /** Force-end (admin): a rollout that cannot finish (e.g. ROLLBACK_FAILED) ends FAILED, with the reason given. */
    public Uni<RolloutView> forceEnd(UUID id, String actor, ForceEndRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ProblemException.invalid("reason", "is required: say why the rollout is ended by force");
        }
        if (request.reason().length() > 500) {
            throw ProblemException.invalid("reason", "must be at most 500 characters, was "
                    + request.reason().length());
        }
        return actions.forceEnd(id, actor, request.reason().trim()).chain(() -> get(id));
    }

    private Uni<RolloutEntity> require(UUID id) {
        return rollouts.findFull(id).onItem().ifNull().failWith(() -> ProblemException.notFound("no rollout " + id));
    }

    private Uni<Void> claimDeployments(Set<String> deployments, UUID rolloutId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from ActiveRolloutDeployment a where a.deployment in ?1", ActiveRolloutDeployment.class)
                .setParameter(1, deployments).getResultList()).map(active -> {
                    if (!active.isEmpty()) {
                        throw ProblemException.conflict(active.stream().map(a -> "deployment '" + a.deployment
                                + "' already has rollout " + a.rolloutId + " in progress")
                                .collect(Collectors.joining("; ")));
                    }
                    return null;
                });
    }

    /**
     * A plan is only valid for the inputs it was computed from: if anything it relied on changed since (see
     * {@link PlanStaleness}), its placements may no longer hold or would undo a newer version, so the rollout is
     * refused with every change at once.
     */
    private Uni<Void> checkUnchangedSincePlan(io.modelfleet.plans.PlanEntity plan) {
        io.modelfleet.planning.snapshot.CatalogSnapshot planned = PlanJson.declaredSnapshot(plan);
        return new CurrentInputsLoader(variants, clusters, deployments).load(planned).map(now -> {
            List<String> changes = PlanStaleness.changes(planned, PlanJson.baseVersions(plan), now);
            if (!changes.isEmpty()) {
                throw ProblemException.conflict(PlanStaleness.refusal(plan.id, changes));
            }
            return null;
        }).chain(() -> PlanJson.transition(plan).isEmpty() ? Uni.createFrom().voidItem()
                // Plans stored before reservations were counted say nothing of what others held: not stale for it.
                : reservations.reserve(planned.withReservations(List.of())).map(current -> {
            List<String> grown = ReservationDrift.grown(planned.reservations(), current.reservations());
            if (!grown.isEmpty()) {
                throw ProblemException.conflict(PlanStaleness.refusal(plan.id, grown));
            }
            return null;
        }));
    }

    /**
     * Rolling out a plan makes its model versions the deployments' versions: an upgrade planned with
     * POST /deployments/{name}/upgrade changes the deployment only when it is applied.
     */
    private Uni<Void> adoptPlannedVersions(io.modelfleet.plans.PlanEntity plan) {
        Map<String, String> planned = new TreeMap<>();
        try {
            PlanJson.MAPPER.readTree(plan.snapshot).path("deployments")
                    .forEach(d -> planned.put(d.path("name").asText(), d.path("version").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored plan " + plan.id + " has an unreadable snapshot", e);
        }
        return deployments.findByNames(planned.keySet()).invoke(found -> found.forEach(d -> {
            String version = planned.get(d.name);
            if (version != null && !version.equals(d.version)) {
                d.version = version;
                d.updatedAt = Clock.now();
            }
        })).replaceWithVoid();
    }

    private static ActiveRolloutDeployment active(String deployment, UUID rolloutId) {
        ActiveRolloutDeployment a = new ActiveRolloutDeployment();
        a.deployment = deployment;
        a.rolloutId = rolloutId;
        return a;
    }

    private record Catalog(Map<String, VariantEntity> variants, Map<String, ClusterEntity> clusters,
            Map<String, HardwareProfileEntity> hardware) {
    }

    private Uni<Catalog> load(PlanResult result) {
        Set<String> clusterNames = result.placements().stream().map(PlanResult.Placement::cluster)
                .collect(Collectors.toSet());
        Set<String> hardwareNames = result.placements().stream().map(PlanResult.Placement::hardware)
                .collect(Collectors.toSet());
        List<UUID> variantIds = result.placements().stream().map(p -> UUID.fromString(p.variantId())).distinct()
                .toList();
        return variants.findByIds(variantIds).chain(vs -> clusters.findByNames(clusterNames)
                .chain(cs -> hardware.findByNames(hardwareNames).map(hs -> new Catalog(
                        vs.stream().collect(Collectors.toMap(v -> v.id.toString(), Function.identity())),
                        cs.stream().collect(Collectors.toMap(c -> c.name, Function.identity())),
                        hs.stream().collect(Collectors.toMap(h -> h.name, Function.identity()))))));
    }

    /** Cluster → wave: explicit waves, or the canary (given or first by name) alone and then everyone else. */
    static Map<String, Integer> waves(RolloutRequest request, List<Workload> workloads) {
        Set<String> clusters = workloads.stream().map(Workload::cluster).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Integer> wave = new TreeMap<>();
        if (request.waves() != null && !request.waves().isEmpty()) {
            Violations v = new Violations();
            for (int i = 0; i < request.waves().size(); i++) {
                if (request.waves().get(i) == null) {
                    v.add("waves[" + i + "]", "must be a list of cluster names");
                    continue;
                }
                for (String c : request.waves().get(i)) {
                    if (c == null || !clusters.contains(c)) {
                        v.add("waves[" + i + "]", "cluster '" + c + "' is not in the plan");
                    } else if (wave.put(c, i) != null) {
                        v.add("waves[" + i + "]", "cluster '" + c + "' is in more than one wave");
                    }
                }
            }
            clusters.stream().filter(c -> !wave.containsKey(c))
                    .forEach(c -> v.add("waves", "cluster '" + c + "' of the plan is in no wave"));
            v.throwIfAny();
            return wave;
        }
        String canary = request.canary() != null ? request.canary() : clusters.iterator().next();
        if (!clusters.contains(canary)) {
            throw ProblemException.invalid("canary", "cluster '" + canary + "' is not in the plan");
        }
        clusters.forEach(c -> wave.put(c, c.equals(canary) ? 0 : 1));
        return wave;
    }

    /**
     * Where a deployment ran in another namespace of the same KUBERNETES cluster (the cluster's namespace changed):
     * (cluster, deployment) → the old namespace, retired by a REMOVE step once the new namespace's workload serves.
     */
    private static Map<String, String> movedNamespaces(List<RunningPlacement> now, List<Workload> workloads,
            Map<String, ClusterEntity> clusters) {
        Map<String, String> moved = new TreeMap<>();
        for (Workload w : workloads) {
            ClusterEntity c = clusters.get(w.cluster());
            if (c == null || c.target == null || c.target.type() != io.modelfleet.fleet.domain.TargetType.KUBERNETES) {
                continue;
            }
            now.stream().filter(r -> r.key.deployment().equals(w.deployment()) && r.key.cluster().equals(w.cluster())
                    && r.namespace != null && !r.namespace.equals(w.namespace()))
                    .findFirst().ifPresent(r -> moved.put(w.cluster() + "/" + w.deployment(), r.namespace));
        }
        return moved;
    }

    /** Which switches of this plan must go gradually, from the plans that what runs now came from. */
    private Uni<Map<String, io.modelfleet.rollout.engine.RolloutState.Gradual>> gradualSwitches(
            io.modelfleet.plans.PlanEntity plan, PlanResult result, List<RunningPlacement> now,
            Map<String, ClusterEntity> clusters, Map<String, Integer> maxBatchByDeployment) {
        List<UUID> ids = now.stream().map(r -> r.planId).distinct().toList();
        Uni<List<io.modelfleet.plans.PlanEntity>> oldPlans = ids.isEmpty() ? Uni.createFrom().item(List.of())
                : plans.list("id in ?1", ids);
        return oldPlans.map(found -> {
            Map<UUID, PlanResult> byId = new java.util.HashMap<>();
            found.forEach(p -> byId.put(p.id, PlanJson.result(p)));
            List<GradualSwitches.Running> running = now.stream().map(r -> new GradualSwitches.Running(
                    r.key.deployment(), r.key.cluster(), r.precision.name(), r.hardware, r.pool, byId.get(r.planId)))
                    .toList();
            Map<String, Map<String, Integer>> maxNodes = new TreeMap<>();
            clusters.values().forEach(c -> c.nodePools.forEach(np -> maxNodes
                    .computeIfAbsent(c.name, k -> new TreeMap<>()).put(np.name, np.maxNodes)));
            Map<String, io.modelfleet.rollout.engine.RolloutState.Gradual> gradual = new java.util.HashMap<>(
                    GradualSwitches.decide(result, PlanJson.snapshot(plan).deployments(), running, maxNodes,
                            maxBatchByDeployment));
            // A GitOps target cannot report when a batch serves: it gets the final state in one write.
            gradual.keySet().removeIf(key -> {
                ClusterEntity c = clusters.get(key.substring(0, key.indexOf('/')));
                return c == null || c.target == null
                        || c.target.type() != io.modelfleet.fleet.domain.TargetType.KUBERNETES;
            });
            return gradual;
        });
    }

    private RolloutEntity build(UUID planId, List<Workload> workloads, Map<String, Integer> waves, String createdBy,
            int stepTimeout, Map<String, String> movedNamespaces,
            Map<String, io.modelfleet.rollout.engine.RolloutState.Gradual> gradual,
            Map<String, AnalysisSnapshot> analysis) {
        RolloutEntity r = new RolloutEntity();
        r.id = UUID.randomUUID();
        r.planId = planId;
        r.status = RolloutStatus.RUNNING;
        r.kind = RolloutKind.PLAN;
        r.reasonCode = ReasonCode.CREATED.name();
        r.createdAt = Clock.now();
        r.updatedAt = r.createdAt;
        r.createdBy = createdBy;
        List<String> order = new ArrayList<>(new LinkedHashSet<>(waves.keySet()));
        order.sort((a, b) -> waves.get(a).equals(waves.get(b)) ? a.compareTo(b) : waves.get(a) - waves.get(b));
        for (int i = 0; i < order.size(); i++) {
            String cluster = order.get(i);
            RolloutClusterEntity c = new RolloutClusterEntity();
            c.rollout = r;
            c.cluster = cluster;
            c.wave = waves.get(cluster);
            c.position = i;
            c.status = ClusterStatus.PENDING;
            int position = 0;
            for (Workload w : workloads.stream().filter(w -> w.cluster().equals(cluster))
                    .sorted((a, b) -> a.deployment().compareTo(b.deployment())).toList()) {
                RolloutStepEntity upsert = step(c, position++, w, StepAction.UPSERT,
                        ManifestYaml.of(renderer.render(w)), w.replicas(), stepTimeout);
                var g = gradual.get(GradualSwitches.key(cluster, w.deployment()));
                if (g != null) {
                    upsert.batchSize = g.batchSize();
                    upsert.oldWorkload = g.oldWorkload();
                    upsert.needRps = g.needRps();
                    upsert.oldRps = g.oldRps();
                    upsert.newRps = g.newRps();
                }
                AnalysisSnapshot a = analysis.get(AnalysisSnapshots.key(cluster, w.deployment()));
                if (a != null) {
                    upsert.metricsUrl = a.source().prometheusUrl();
                    upsert.metricsCredentialsRef = a.source().credentialsRef();
                    upsert.analysisSettings = a.settingsJson();
                }
                c.steps.add(upsert);
                c.steps.add(step(c, position++, w, StepAction.RETIRE, "", 0, stepTimeout));
                String oldNamespace = movedNamespaces.get(cluster + "/" + w.deployment());
                if (oldNamespace != null) {
                    RolloutStepEntity remove = step(c, position++, w, StepAction.REMOVE, "", 0, stepTimeout);
                    remove.namespace = oldNamespace;
                    remove.workload = null;
                    c.steps.add(remove);
                }
            }
            r.clusters.add(c);
        }
        return r;
    }

    /**
     * Runs blocking work on a worker thread and continues on the caller's Vert.x context, where the reactive session
     * of this transaction lives.
     */
    private static <T> Uni<T> offEventLoop(java.util.function.Supplier<T> work) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Uni<T> worked = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? worked : worked.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private static RolloutStepEntity step(RolloutClusterEntity c, int position, Workload w, StepAction action,
            String desired, int required, int timeoutSeconds) {
        RolloutStepEntity s = new RolloutStepEntity();
        s.cluster = c;
        s.position = position;
        s.deployment = w.deployment();
        s.action = action;
        s.status = StepStatus.PENDING;
        s.namespace = w.namespace();
        s.workload = ObjectNames.workload(w.deployment(), w.precision(), w.hardware());
        s.desired = desired;
        s.requiredReplicas = required;
        s.attempts = 0;
        s.timeoutSeconds = timeoutSeconds;
        s.updatedAt = Clock.now();
        return s;
    }
}
