package io.modelfleet.placement.service;

import io.modelfleet.api.ProblemException;
import io.modelfleet.api.audit.AuditEntry;
import io.modelfleet.api.audit.AuditLog;
import io.modelfleet.placement.BudgetConfig;
import io.modelfleet.placement.RolloutBudget;
import io.modelfleet.placement.domain.AutoRollout;
import io.modelfleet.placement.domain.BudgetGate;
import io.modelfleet.placement.domain.DisruptionBudget;
import io.modelfleet.placement.dto.RecommendationView;
import io.modelfleet.placement.repository.RecommendationStore;
import io.modelfleet.rollout.RolloutRequest;
import io.modelfleet.rollout.RolloutService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Starts, after an evaluation, the rollouts of OPEN recommendations whose deployment says
 * {@code autoRollout: WITHIN_BUDGET} (design 006, I9): oldest first, each only when {@link BudgetGate} allows it
 * now (fewer than {@code modelfleet.budgets.max-concurrent-rollouts} rollouts running fleet-wide, inside the
 * maintenance window), with batches of at most {@code maxDisruptedPercent} of its running replicas. It goes through
 * the same accept as a person's (re-plan, target check, one conditional update with the rollout), as
 * {@value #ACTOR}, and records each start in the audit log. A refusal of the gate or of the accept leaves the
 * recommendation OPEN for the next pass.
 */
@ApplicationScoped
public class AutoRollouts {

    static final String ACTOR = "modelfleet:placement";
    private static final Logger LOG = Logger.getLogger(AutoRollouts.class);

    private final RecommendationStore store;
    private final RecommendationService recommendations;
    private final RolloutService rollouts;
    private final RolloutBudget budgets;
    private final AuditLog audit;
    private final int maxConcurrent;

    @jakarta.inject.Inject
    public AutoRollouts(RecommendationStore store, RecommendationService recommendations, RolloutService rollouts,
            RolloutBudget budgets, AuditLog audit, BudgetConfig config) {
        this(store, recommendations, rollouts, budgets, audit, config.maxConcurrentRollouts());
    }

    private AutoRollouts(RecommendationStore store, RecommendationService recommendations, RolloutService rollouts,
            RolloutBudget budgets, AuditLog audit, int maxConcurrent) {
        this.store = store;
        this.recommendations = recommendations;
        this.rollouts = rollouts;
        this.budgets = budgets;
        this.audit = audit;
        this.maxConcurrent = maxConcurrent;
    }

    /** The same, with another fleet-wide limit (tests, whose database holds other tests' rollouts). */
    public AutoRollouts withMaxConcurrent(int limit) {
        return new AutoRollouts(store, recommendations, rollouts, budgets, audit, limit);
    }

    /**
     * One pass; the id of the rollout it started, if any. It starts at most one: the fleet-wide count is read
     * before the accept and is not locked, so one start per pass (the leader's, right after it renewed its lease)
     * keeps two passes from counting the same free slot.
     */
    public Uni<List<String>> startWithinBudget(Instant now) {
        return store.openWithoutRollout().chain(open -> firstStarted(open, 0, now))
                .map(id -> id == null ? List.<String>of() : List.of(id));
    }

    private Uni<String> firstStarted(List<RecommendationView> open, int next, Instant now) {
        if (next >= open.size()) {
            return Uni.createFrom().nullItem();
        }
        return start(open.get(next), now).chain(id -> id != null ? Uni.createFrom().item(id)
                : firstStarted(open, next + 1, now));
    }

    private Uni<String> start(RecommendationView r, Instant now) {
        return budgets.budgetOf(r.deployment()).chain(budget -> {
            if (budget.autoRollout() != AutoRollout.WITHIN_BUDGET) {
                return Uni.createFrom().<String>nullItem();
            }
            return budgets.rolloutsRunning().chain(running -> {
                BudgetGate.Decision gate = BudgetGate.decide(budget, now, running, maxConcurrent);
                if (!gate.allowed()) {
                    LOG.debugf("deployment=%s recommendation=%s not rolled out now: %s", r.deployment(), r.id(),
                            gate.reason());
                    return Uni.createFrom().<String>nullItem();
                }
                return accept(r, budget, gate, now);
            });
        // Any failure of one recommendation (a refusal, a planner error, a racing insert) is that one's: logged,
        // left OPEN, and the pass goes on to the next.
        }).onFailure().recoverWithItem(e -> {
            LOG.infof("deployment=%s recommendation=%s not rolled out by itself: %s", r.deployment(), r.id(),
                    e.getMessage());
            return null;
        });
    }

    private Uni<String> accept(RecommendationView r, DisruptionBudget budget, BudgetGate.Decision gate, Instant now) {
        int cap = BudgetGate.batchSize(r.disruption().replicasRunning(), budget.maxDisruptedPercent());
        return recommendations.accept(r.id(), ACTOR, planId -> rollouts.create(new RolloutRequest(planId, null, null,
                null), ACTOR, Map.of(r.deployment(), cap)))
                .chain(accepted -> audit.append(AuditEntry.engineAction(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.MICROS), ACTOR, "recommendation", r.id().toString(), "accept",
                        "rollout " + accepted.rollout().id() + " started within budget (batches of at most " + cap
                                + " replicas): " + gate.reason()))
                        .replaceWith(accepted.rollout().id().toString()));
    }
}
