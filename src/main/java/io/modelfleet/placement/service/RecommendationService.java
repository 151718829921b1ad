package io.modelfleet.placement.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.placement.domain.RecommendationStatus;
import io.modelfleet.placement.dto.AcceptedRecommendation;
import io.modelfleet.placement.dto.DismissRequest;
import io.modelfleet.placement.dto.PlacementStatusView;
import io.modelfleet.placement.dto.RecommendationView;
import io.modelfleet.placement.repository.EvaluationStore;
import io.modelfleet.placement.repository.RecommendationStore;
import io.modelfleet.plans.PlanRequest;
import io.modelfleet.plans.PlanService;
import io.modelfleet.rollout.RolloutRequest;
import io.modelfleet.rollout.RolloutService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads recommendations and takes a person's decision on one (design 006, I7). Accept re-plans the deployment
 * (fleet-aware, with the switch cost) and refuses when that plan no longer proposes the recommendation's target;
 * then, in ONE transaction, it moves the recommendation OPEN to ACCEPTED with a conditional update (which locks the
 * row: a concurrent accept waits, then finds it ACCEPTED and gets 409) and creates the rollout. A rollout that
 * cannot be created (the deployment has one in progress, the plan went stale) rolls the status back with it: the
 * recommendation stays OPEN, the answer is the rollout service's 409. At most one rollout per recommendation.
 */
@ApplicationScoped
public class RecommendationService {

    static final int MAX_NOTE = 500;

    private final RecommendationStore store;
    private final EvaluationStore evaluations;
    private final PlanService plans;
    private final RolloutService rollouts;
    private final Clock clock;

    public RecommendationService(RecommendationStore store, EvaluationStore evaluations, PlanService plans,
            RolloutService rollouts, Clock clock, io.modelfleet.placement.RolloutBudget budgets) {
        this.budgets = budgets;
        this.store = store;
        this.evaluations = evaluations;
        this.plans = plans;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    /** {@code status}: null or absent for OPEN only, {@code ALL} for every status, else one status by name. */
    public Uni<Page<RecommendationView>> list(String status, String deployment, PageRequest page) {
        Set<RecommendationStatus> statuses = statuses(status);
        if (deployment != null) {
            io.modelfleet.api.Violations v = new io.modelfleet.api.Violations();
            io.modelfleet.api.Names.check(v, "deployment", deployment);
            v.throwIfAny();
        }
        return store.page(statuses, deployment, page);
    }

    public Uni<RecommendationView> get(UUID id) {
        return store.get(id).onItem().ifNull().failWith(() -> ProblemException.notFound("no recommendation " + id));
    }

    public Uni<PlacementStatusView> status() {
        return evaluations.status();
    }

    public Uni<RecommendationView> dismiss(UUID id, String by, DismissRequest request) {
        String note = request == null || request.note() == null || request.note().isBlank() ? null
                : request.note().trim();
        if (note != null && note.length() > MAX_NOTE) {
            throw ProblemException.invalid("note", "must be at most " + MAX_NOTE + " characters, was "
                    + note.length());
        }
        return store.dismiss(id, by, note, now()).chain(done -> done != null ? Uni.createFrom().item(done)
                : get(id).<RecommendationView>map(r -> {
                    throw ProblemException.conflict("recommendation " + id + " is " + r.status()
                            + "; only a PENDING or OPEN one can be dismissed");
                }));
    }

    private final io.modelfleet.placement.RolloutBudget budgets;

    /**
     * A person's accept: rolls out at once (a person decided; budgets gate what the loop starts by itself), in
     * batches of at most the deployment's {@code maxDisruptedPercent} of its running replicas (design 006, I9).
     */
    public Uni<AcceptedRecommendation> accept(UUID id, String by) {
        return get(id).chain(r -> budgets.budgetOf(r.deployment()).chain(budget -> {
            int cap = io.modelfleet.placement.domain.BudgetGate.batchSize(r.disruption().replicasRunning(),
                    budget.maxDisruptedPercent());
            return accept(id, by, planId -> rollouts.create(new RolloutRequest(planId, null, null, null), by,
                    java.util.Map.of(r.deployment(), cap)));
        }));
    }

    /** Accept, starting the fresh plan's rollout with {@code start} (inside the accept's transaction). */
    Uni<AcceptedRecommendation> accept(UUID id, String by,
            java.util.function.Function<UUID, Uni<io.modelfleet.rollout.RolloutViews.RolloutView>> start) {
        return get(id).invoke(RecommendationService::requireOpen)
                // Planned as the loop plans (replanAtRisk): an at-risk running choice is no option, so an urgent
                // recommendation's target is what the fresh plan proposes too.
                .chain(r -> plans.create(new PlanRequest(List.of(r.deployment()), null, true), by).chain(plan -> {
                    String differs = differences(r, plan);
                    if (differs != null) {
                        throw ProblemException.conflict("the recommendation no longer holds: " + differs
                                + " (plan " + plan.path("id").asText() + "); it stays OPEN until the next evaluation"
                                + " supersedes or confirms it");
                    }
                    UUID planId = UUID.fromString(plan.path("id").asText());
                    return Panache.withTransaction(() -> claim(id, by, planId)
                            .chain(() -> start.apply(planId))
                            .call(rollout -> Panache.getSession().chain(s -> s.createNativeQuery(
                                    "UPDATE recommendation SET rollout_id = ?2 WHERE id = ?1")
                                    .setParameter(1, id).setParameter(2, rollout.id()).executeUpdate())))
                            .chain(rollout -> get(id).map(accepted -> new AcceptedRecommendation(accepted, rollout)));
                }));
    }

    /** OPEN to ACCEPTED under the row's lock; 409 naming what it is now when someone else decided first. */
    private Uni<Void> claim(UUID id, String by, UUID planId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("UPDATE recommendation SET status = 'ACCEPTED',"
                + " decided_by = ?2, decided_at = ?3, plan_id = ?4 WHERE id = ?1 AND status = 'OPEN'")
                .setParameter(1, id).setParameter(2, by).setParameter(3, now()).setParameter(4, planId)
                .executeUpdate())
                .chain(updated -> updated == 1 ? Uni.createFrom().voidItem()
                        : store.get(id).<Void>map(now -> {
                            requireOpen(now);
                            throw ProblemException.conflict("recommendation " + id + " was decided by another"
                                    + " request at the same time");
                        }));
    }

    private static void requireOpen(RecommendationView r) {
        if (r.status() == RecommendationStatus.ACCEPTED) {
            throw ProblemException.conflict("recommendation " + r.id() + " is ACCEPTED already"
                    + (r.rolloutId() == null ? "" : ": rollout " + r.rolloutId()));
        }
        if (r.status() != RecommendationStatus.OPEN) {
            throw ProblemException.conflict("recommendation " + r.id() + " is " + r.status()
                    + "; only an OPEN one can be accepted");
        }
    }

    /**
     * How the fresh plan differs from the recommendation's target on its clusters (the same variant on the same
     * pool, or nothing where it removes the workload); null when it holds.
     */
    static String differences(RecommendationView r, ObjectNode plan) {
        List<String> out = new ArrayList<>();
        for (RecommendationView.Change c : r.changes()) {
            JsonNode placed = null;
            for (JsonNode p : plan.path("placements")) {
                if (p.path("deployment").asText().equals(r.deployment()) && p.path("cluster").asText()
                        .equals(c.cluster())) {
                    placed = p;
                }
            }
            if (c.to() == null) {
                if (placed != null) {
                    out.add("on " + c.cluster() + " it now places " + describe(placed) + " instead of removing it");
                }
            } else if (placed == null) {
                out.add("on " + c.cluster() + " it places nothing instead of variant " + c.to().variantId()
                        + " on pool " + c.to().pool());
            } else if (!placed.path("variantId").asText().equals(c.to().variantId())
                    || !placed.path("pool").asText().equals(c.to().pool())) {
                out.add("on " + c.cluster() + " it places " + describe(placed) + " instead of variant "
                        + c.to().variantId() + " on pool " + c.to().pool());
            }
        }
        return out.isEmpty() ? null : String.join("; ", out);
    }

    private static String describe(JsonNode placement) {
        return "variant " + placement.path("variantId").asText() + " on pool " + placement.path("pool").asText();
    }

    private static Set<RecommendationStatus> statuses(String status) {
        if (status == null || status.isBlank()) {
            return EnumSet.of(RecommendationStatus.OPEN);
        }
        if (status.equalsIgnoreCase("ALL")) {
            return null;
        }
        for (RecommendationStatus s : RecommendationStatus.values()) {
            if (s.name().equalsIgnoreCase(status)) {
                return EnumSet.of(s);
            }
        }
        throw ProblemException.invalid("status", "must be one of ALL, PENDING, OPEN, ACCEPTED, DISMISSED, SUPERSEDED;"
                + " was '" + (status.length() > 40 ? status.substring(0, 40) + "..." : status) + "'");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
