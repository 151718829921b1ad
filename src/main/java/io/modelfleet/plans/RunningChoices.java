package io.modelfleet.plans;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What runs now, as the planner needs it (design 006): each running placement with the batch size its plan gave it. */
@ApplicationScoped
public class RunningChoices {

    /** A running placement; {@code batchSize} 0 when its plan is gone (any batch size of the workload keeps it). */
    public record RunningChoice(String deployment, String cluster, String variantId, String hardware, String pool,
            int replicas, int batchSize, UUID planId) {
    }

    /** The batch size is the V18 column: written by the engine, backfilled from each row's plan. */
    private static final String SQL = """
            SELECT r.deployment, r.cluster, r.variant_id, r.hardware, r.pool, r.replicas, r.plan_id,
                   COALESCE(r.batch_size, 0) AS batch_size
            FROM running_placement r WHERE r.deployment = ANY($1) ORDER BY r.deployment, r.cluster""";

    private final Pool pool;

    public RunningChoices(Pool pool) {
        this.pool = pool;
    }

    /** What these deployments run now, on every cluster, by deployment then cluster. */
    public Uni<List<RunningChoice>> of(List<String> deployments) {
        if (deployments.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(SQL).execute(Tuple.of(deployments.toArray(String[]::new))).map(rows -> {
            List<RunningChoice> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new RunningChoice(r.getString("deployment"), r.getString("cluster"),
                        r.getString("variant_id"), r.getString("hardware"), r.getString("pool"),
                        r.getInteger("replicas"), r.getInteger("batch_size"), r.getUUID("plan_id")));
            }
            return out;
        });
    }
}
