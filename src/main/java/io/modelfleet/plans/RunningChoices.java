package io.modelfleet.plans;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What runs now, as the planner needs it (design 006): each running placement with the batch size its plan gave
 * it. One statement: every plan that running placements came from is parsed once, not once per placement.
 */
@ApplicationScoped
public class RunningChoices {

    /** A running placement; {@code batchSize} 0 when its plan is gone (any batch size of the workload keeps it). */
    public record RunningChoice(String deployment, String cluster, String variantId, String hardware, String pool,
            int replicas, int batchSize, UUID planId) {
    }

    private static final String SQL = """
            WITH source AS (
                SELECT p.id, p.result::jsonb -> 'placements' AS placements FROM plan p
                WHERE p.id IN (SELECT DISTINCT plan_id FROM running_placement WHERE deployment = ANY($1))),
            batches AS (
                SELECT source.id, e ->> 'deployment' AS deployment, e ->> 'cluster' AS cluster,
                       (e ->> 'batchSize')::int AS batch_size
                FROM source, jsonb_array_elements(COALESCE(source.placements, '[]'::jsonb)) e)
            SELECT r.deployment, r.cluster, r.variant_id, r.hardware, r.pool, r.replicas, r.plan_id,
                   COALESCE(b.batch_size, 0) AS batch_size
            FROM running_placement r
            LEFT JOIN batches b ON b.id = r.plan_id AND b.deployment = r.deployment AND b.cluster = r.cluster
            WHERE r.deployment = ANY($1)
            ORDER BY r.deployment, r.cluster""";

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
