package io.modelfleet.placement;

import io.modelfleet.api.ProblemException;
import io.modelfleet.fleet.repository.FleetReads;
import io.modelfleet.fleet.service.BudgetMapper;
import io.modelfleet.placement.domain.BudgetGate;
import io.modelfleet.placement.domain.DisruptionBudget;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;

/**
 * Whether the placement loop may start a deployment's rollout now (design 006, I9): the deployment's stored budget
 * and the rollouts running fleet-wide, put to {@link BudgetGate}.
 */
@ApplicationScoped
public class RolloutBudget {

    /** Terminal statuses from the enum itself, so a new terminal status cannot be counted as running. */
    private static final String[] ENDED = Arrays.stream(RolloutStatus.values()).filter(RolloutStatus::terminal)
            .map(Enum::name).toArray(String[]::new);

    private final Pool pool;
    private final FleetReads fleet;
    private final BudgetConfig config;

    public RolloutBudget(Pool pool, FleetReads fleet, BudgetConfig config) {
        this.pool = pool;
        this.fleet = fleet;
        this.config = config;
    }

    /** Rollouts that have not ended, fleet-wide: running, paused, aborting or retrying a failed rollback. */
    public Uni<Integer> rolloutsRunning() {
        return pool.preparedQuery("SELECT count(*) AS n FROM rollout WHERE status <> ALL($1)")
                .execute(Tuple.of(ENDED)).map(rows -> rows.iterator().next().getLong("n").intValue());
    }

    /** The deployment's budget as stored; 404 when there is no such deployment. */
    public Uni<DisruptionBudget> budgetOf(String deployment) {
        return fleet.deployment(deployment).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("no deployment named '" + deployment + "'");
            }
            return BudgetMapper.budget(found);
        });
    }

    /** Whether the loop may start {@code deployment}'s rollout at {@code now}, and if not why and when next. */
    public Uni<BudgetGate.Decision> check(String deployment, Instant now) {
        return check(deployment, now, config.maxConcurrentRollouts());
    }

    Uni<BudgetGate.Decision> check(String deployment, Instant now, int maxConcurrent) {
        return budgetOf(deployment).chain(budget -> rolloutsRunning().map(running ->
                BudgetGate.decide(budget, now, running, maxConcurrent)));
    }
}
