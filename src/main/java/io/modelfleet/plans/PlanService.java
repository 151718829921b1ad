package io.modelfleet.plans;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelfleet.analysis.service.ObservedDemand;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Violations;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.modelfleet.catalog.repository.VariantRepository;
import io.modelfleet.common.Clock;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;
import io.modelfleet.fleet.repository.ClusterRepository;
import io.modelfleet.fleet.repository.DeploymentRepository;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.Planner;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Plans a set of deployments: reads a consistent snapshot in one session, asks the clusters' Prometheus for the
 * observed demand of rows whose deployment plans on OBSERVED or MAX demand (blocking queries, on a worker thread),
 * runs the CPU-bound planner on a worker thread (never the event loop), and stores the result with its snapshot,
 * the demand each row used and the placements whose OBSERVED rows put their SLO at risk, in a second, short
 * transaction. The stored snapshot carries the demand the planner used.
 */
@ApplicationScoped
public class PlanService {

    /** Deployments one plan request may name. */
    static final int MAX_DEPLOYMENTS = 1_000;

    private final Planner planner;
    private final Vertx vertx;
    private final PlanRepository plans;
    private final DeploymentRepository deployments;
    private final ClusterRepository clusters;
    private final HardwareProfileRepository hardware;
    private final VariantRepository variants;
    private final io.modelfleet.fleet.quota.ServiceQuotaRepository quotas;
    private final double defaultTimeLimit;
    private final double maxTimeLimit;
    private final ObservedDemand observedDemand;
    private final java.time.Duration observedMaxAge;
    private final String defaultNamespace;
    private final io.modelfleet.metrics.PlanMetrics planMetrics;
    private final PlanAlternativesRepository alternatives;
    private final PlanJobs jobs;
    private final RunningChoices runningChoices;
    private final double switchCost;
    private final FleetReservations fleet;

    public PlanService(Planner planner, Vertx vertx, PlanRepository plans, PlanAlternativesRepository alternatives,
            PlanJobs jobs, RunningChoices runningChoices,
            DeploymentRepository deployments,
            ClusterRepository clusters, HardwareProfileRepository hardware, VariantRepository variants,
            io.modelfleet.fleet.quota.ServiceQuotaRepository quotas, PlanningConfig config,
            ObservedDemand observedDemand, io.modelfleet.analysis.service.ObservedConfig observedConfig,
            io.modelfleet.rollout.RolloutConfig rolloutConfig, io.modelfleet.metrics.PlanMetrics planMetrics,
            FleetReservations fleet) {
        this.fleet = fleet;
        this.planMetrics = planMetrics;
        this.runningChoices = runningChoices;
        this.switchCost = config.switchCostUsdPerHour();
        this.alternatives = alternatives;
        this.jobs = jobs;
        this.planner = planner;
        this.vertx = vertx;
        this.plans = plans;
        this.deployments = deployments;
        this.clusters = clusters;
        this.hardware = hardware;
        this.variants = variants;
        this.quotas = quotas;
        this.defaultTimeLimit = config.defaultTimeLimitSeconds();
        this.maxTimeLimit = config.maxTimeLimitSeconds();
        this.observedDemand = observedDemand;
        this.observedMaxAge = observedConfig.maxAge();
        this.defaultNamespace = rolloutConfig.namespace();
    }

    public Uni<ObjectNode> create(PlanRequest request, String createdBy) {
        return create(request, createdBy, Map.of());
    }

    /**
     * Plans with some deployments' model versions replaced in the snapshot only ({@code versions}: deployment →
     * version): how an upgrade is previewed without changing the deployment until it is rolled out.
     */
    public Uni<ObjectNode> create(PlanRequest request, String createdBy, Map<String, String> versions) {
        double timeLimit = timeLimit(request);
        // Taken as the request arrives: the snapshot reads and observed-demand queries count against the limit.
        io.modelfleet.planning.Deadline deadline = PlanDeadlines.forPlanner(timeLimit);
        return snapshot(request == null ? null : request.deployments(), versions,
                request != null && request.excludesAtRisk())
                .chain(this::withDemand)
                .chain(inputs -> vertx.executeBlocking(Uni.createFrom().item(
                        () -> planner.plan(inputs.snapshot(), deadline,
                                io.modelfleet.planning.PlanProgress.Listener.NONE)), false)
                        .invoke(planMetrics::solved)
                        .chain(result -> store(inputs, result, timeLimit, createdBy)))
                .map(PlanJson::view);
    }

    /**
     * Decides every demand row's rps. The observed-demand queries block on HTTP, so each runs on a worker thread,
     * all at once: a plan waits about one query timeout however many rows ask, even when every Prometheus is down.
     * The snapshot the planner reads then carries the rps each row uses.
     */
    private Uni<Inputs> withDemand(Inputs inputs) {
        List<ObservedDemand.Target> targets = inputs.demandRows().stream()
                .map(PlanDemand.Row::target).filter(java.util.Objects::nonNull).toList();
        Uni<List<ObservedDemand.Rate>> rates = targets.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Uni.join().all(targets.stream().map(t -> vertx.executeBlocking(Uni.createFrom().item(
                        () -> observedDemand.observe(t)), false)).toList()).andFailFast();
        return rates.map(found -> {
            Map<ObservedDemand.Target, ObservedDemand.Rate> byTarget = new java.util.HashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                byTarget.put(targets.get(i), found.get(i));
            }
            List<DemandRecord> records = PlanDemand.resolve(inputs.demandRows(), byTarget::get);
            return new Inputs(PlanDemand.apply(inputs.snapshot(), records), inputs.baseVersions(),
                    inputs.demandRows(), records, inputs.observedRows(), inputs.analysis(), inputs.running());
        });
    }

    @WithSession
    public Uni<ObjectNode> get(UUID id) {
        return plans.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("no plan " + id))
                .map(PlanJson::view);
    }

    /**
     * One page of a plan's options across its pairs (design 004, I1), narrowed to a deployment and/or a cluster.
     * Plans stored before the options had their own table keep them in the body, which is read instead (I3).
     */
    @WithSession
    public Uni<Page<AlternativeItem>> alternatives(UUID id, String deployment, String cluster, PageRequest page) {
        return plans.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("no plan " + id))
                .invoke(plan -> {
                    // A RUNNING plan has no options yet and a FAILED one never will: an empty page would read as
                    // "the planner considered nothing" (design 004, I10).
                    if (plan.status == PlanState.RUNNING || plan.status == PlanState.FAILED) {
                        throw ProblemException.conflict(PlanJobs.notFinished(plan));
                    }
                })
                .chain(plan -> alternatives.ofPlan(id, deployment, cluster).map(rows -> {
                    List<PlanResult.PairAlternatives> pairs = rows.isEmpty()
                            ? PlanAlternatives.fromBody(plan, deployment, cluster)
                            : rows.stream().map(PlanAlternatives::fromRow).toList();
                    if (pairs.isEmpty() && (deployment != null || cluster != null)) {
                        throw ProblemException.notFound(PlanAlternatives.noPair(id, deployment, cluster));
                    }
                    return PlanAlternatives.page(pairs, page);
                }));
    }

    @WithSession
    public Uni<Page<PlanSummary>> list(PageRequest page) {
        return plans.page(page.page(), page.size()).chain(items -> plans.count().map(total -> new Page<>(
                items.stream().map(PlanSummary::of).toList(), page.page(), page.size(), total)));
    }

    /**
     * What is planned and stored: the snapshot, and each deployment's version as it is now ({@code baseVersions}),
     * which differs from the snapshot's for a deployment an upgrade plans at another version. {@code running} is
     * what the planned deployments run now, with the plan each came from.
     */
    public record Inputs(CatalogSnapshot snapshot, Map<String, String> baseVersions, List<PlanDemand.Row> demandRows,
            List<DemandRecord> demand, Map<String, SloAtRisk.Observed> observedRows, List<ClusterAnalysis> analysis,
            List<RunningChoices.RunningChoice> running) {

        Inputs withSnapshot(CatalogSnapshot changed) {
            return new Inputs(changed, baseVersions, demandRows, demand, observedRows, analysis, running);
        }
    }

    /**
     * The inputs a plan of these deployments (null or empty: all of them) would read now, observed demand
     * included: what the continuous-placement loop evaluates (design 006).
     */
    public Uni<Inputs> inputs(List<String> requested) {
        return snapshot(requested, Map.of(), true).chain(this::withDemand);
    }

    /** Reads everything the requested deployments need, in one session, so the snapshot is consistent. */
    @WithSession
    Uni<Inputs> snapshot(List<String> requested, Map<String, String> versions, boolean excludeAtRisk) {
        Uni<List<ModelDeploymentEntity>> chosen = requested == null || requested.isEmpty()
                ? deployments.allNames().chain(deployments::findByNames)
                : deployments.findByNames(requested).invoke(found -> checkAllExist(requested, found));
        return chosen.chain(found -> {
            if (found.isEmpty()) {
                throw ProblemException.badRequest("there are no deployments to plan; create one with"
                        + " PUT /api/v1/deployments/{name}");
            }
            List<String> withoutDemand = found.stream().filter(d -> d.demand.isEmpty()).map(d -> d.name).toList();
            if (withoutDemand.size() == found.size()) {
                throw ProblemException.badRequest("nothing to plan: deployments " + String.join(", ", withoutDemand)
                        + " have no demand on any cluster");
            }
            Set<String> clusterNames = found.stream().flatMap(d -> d.demand.stream()).map(x -> x.cluster.name)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> models = found.stream().map(d -> d.model.name).collect(Collectors.toCollection(TreeSet::new));
            return clusters.findByNames(clusterNames).chain(cs -> hardware.listWithOfferings()
                    .chain(hw -> variants.ofModels(models).chain(vs -> quotas.listAll()
                            .map(qs -> new Inputs(SnapshotBuilder.build(hw, vs, cs, found, qs, versions),
                                    found.stream().collect(Collectors.toMap(d -> d.name, d -> d.version)),
                                    PlanDemand.rows(found, vs, defaultNamespace), List.of(),
                                    SloAtRisk.observedRows(vs, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                                            .minus(observedMaxAge)), ClusterAnalysis.of(cs), List.of())))))
                    .chain(inputs -> runningChoices.of(found.stream().map(d -> d.name).sorted().toList())
                            .map(now -> withRunning(inputs, now, excludeAtRisk)));
        }).chain(inputs -> fleet.reserve(inputs.snapshot()).map(inputs::withSnapshot));
    }

    /**
     * The snapshot with what the planned deployments run now on the clusters they demand (design 006, I2): kept
     * unless moving saves more than the switch cost; with {@code excludeAtRisk}, rejected when observed metrics put
     * its SLO at risk (I4).
     */
    private Inputs withRunning(Inputs inputs, List<RunningChoices.RunningChoice> now, boolean excludeAtRisk) {
        CatalogSnapshot s = inputs.snapshot();
        java.util.Set<String> pairs = new java.util.HashSet<>();
        s.deployments().forEach(d -> d.demand().forEach(x -> pairs.add(d.name() + "\n" + x.cluster())));
        List<io.modelfleet.planning.snapshot.Running> running = now.stream()
                .filter(r -> pairs.contains(r.deployment() + "\n" + r.cluster()))
                .map(r -> new io.modelfleet.planning.snapshot.Running(r.deployment(), r.cluster(), r.variantId(),
                        r.pool(), r.batchSize(), r.replicas(), !excludeAtRisk ? null : SloAtRisk.of(r.variantId(),
                                r.hardware(), r.batchSize(), r.deployment(), r.cluster(), s, inputs.observedRows())
                                .map(flag -> "SLO at risk: " + String.join("; ", flag.reasons())).orElse(null)))
                .toList();
        return new Inputs(s.withRunning(running, switchCost), inputs.baseVersions(), inputs.demandRows(),
                inputs.demand(), inputs.observedRows(), inputs.analysis(), now);
    }

    @WithTransaction
    Uni<PlanEntity> store(Inputs inputs, PlanResult result, double timeLimit, String createdBy) {
        PlanEntity e = started(inputs, timeLimit, createdBy);
        fill(e, inputs, result);
        return plans.persist(e).chain(stored -> alternatives.persist(PlanAlternatives.rows(stored.id,
                result.alternatives())).replaceWith(stored));
    }

    /** A plan row for these inputs with nothing computed yet: RUNNING, an empty result. */
    private static PlanEntity started(Inputs inputs, double timeLimit, String createdBy) {
        CatalogSnapshot snapshot = inputs.snapshot();
        PlanEntity e = new PlanEntity();
        e.id = UUID.randomUUID();
        e.createdAt = Clock.now();
        e.createdBy = createdBy;
        e.status = PlanState.RUNNING;
        e.totalHourlyCostUsd = 0;
        e.deployments = PlanJson.write(snapshot.deployments().stream().map(d -> d.name()).toList());
        e.timeLimitSeconds = timeLimit;
        e.snapshot = PlanJson.write(snapshot);
        e.result = "{}";
        e.baseVersions = PlanJson.write(new java.util.TreeMap<>(inputs.baseVersions()));
        return e;
    }

    /** Writes the planner's result into a plan row (a synchronous plan's, or a job's when it ends). */
    static void fill(PlanEntity e, Inputs inputs, PlanResult result) {
        CatalogSnapshot snapshot = inputs.snapshot();
        e.status = PlanState.of(result.status());
        e.totalHourlyCostUsd = result.totalHourlyCostUsd();
        e.result = PlanJson.writeResult(result, inputs.demand(), result.placements().stream()
                .map(p -> SloAtRisk.of(p, snapshot, inputs.observedRows()).orElse(null)).toList(), inputs.analysis(),
                Transition.Reserved.of(snapshot), TransitionNeeds.of(snapshot, result));
    }

    /**
     * A plan as a job ({@code Prefer: respond-async}): checked and snapshotted like a synchronous one, stored
     * RUNNING, and answered at once while {@link PlanJobs} plans it.
     */
    public Uni<ObjectNode> createAsync(PlanRequest request, String createdBy) {
        double timeLimit = timeLimit(request);
        io.modelfleet.planning.Deadline deadline = PlanDeadlines.forPlanner(timeLimit);
        return snapshot(request == null ? null : request.deployments(), Map.of(),
                request != null && request.excludesAtRisk())
                .chain(this::withDemand)
                .chain(inputs -> persistStarted(inputs, timeLimit, createdBy).invoke(e -> jobs.start(e.id, inputs,
                        deadline)))
                .map(PlanJson::view);
    }

    @WithTransaction
    Uni<PlanEntity> persistStarted(Inputs inputs, double timeLimit, String createdBy) {
        PlanEntity e = started(inputs, timeLimit, createdBy);
        e.heartbeatAt = java.time.OffsetDateTime.now();
        e.progress = PlanJson.progress(io.modelfleet.planning.PlanProgress.starting(Planner.units(inputs.snapshot())));
        return plans.persist(e);
    }

    public Uni<Boolean> exists(UUID id) {
        return jobs.exists(id);
    }

    /** A plan's progress events (see {@link PlanJobs#events}); a 404 problem for an unknown plan. */
    public io.smallrye.mutiny.Multi<PlanJobs.JobEvent> events(UUID id) {
        return jobs.events(id);
    }

    /**
     * Stops a RUNNING plan, which keeps the best plan found; 409 for any other. The cancel is recorded in the row,
     * so it reaches the job whichever control plane runs it (design 004, I8). Answers the plan as it is now (still
     * RUNNING while the job winds down).
     */
    @WithSession
    public Uni<ObjectNode> cancel(UUID id) {
        return jobs.requestCancel(id).chain(requested -> plans.findById(id).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("no plan " + id);
            }
            if (!requested) {
                throw PlanJobs.notRunning(e);
            }
            return PlanJson.view(e);
        }));
    }

    private double timeLimit(PlanRequest request) {
        Violations v = new Violations();
        if (request != null && request.timeLimitSeconds() != null) {
            v.positiveAtMost("timeLimitSeconds", request.timeLimitSeconds(), maxTimeLimit);
        }
        if (request != null && v.maxSize("deployments", request.deployments(), MAX_DEPLOYMENTS)
                && request.deployments() != null) {
            for (int i = 0; i < request.deployments().size(); i++) {
                String name = request.deployments().get(i);
                if (name == null || name.isBlank()) {
                    v.add("deployments[" + i + "]", "must be a deployment name");
                } else {
                    io.modelfleet.api.Names.check(v, "deployments[" + i + "]", name);
                }
            }
        }
        v.throwIfAny();
        return request == null || request.timeLimitSeconds() == null ? defaultTimeLimit : request.timeLimitSeconds();
    }

    private static void checkAllExist(List<String> requested, List<ModelDeploymentEntity> found) {
        Set<String> names = found.stream().map(d -> d.name).collect(Collectors.toSet());
        List<io.modelfleet.api.FieldError> missing = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!names.contains(requested.get(i))) {
                missing.add(new io.modelfleet.api.FieldError("deployments[" + i + "]",
                        "no deployment named '" + requested.get(i) + "'"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.invalid(missing);
        }
    }
}
