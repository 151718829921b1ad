package io.modelfleet.placement.repository;

import io.modelfleet.placement.dto.PlacementStatusView;
import io.modelfleet.plans.PlanEntity;
import io.modelfleet.plans.PlanJson;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The loop's own records in plain SQL: triggers waiting and consumed, one row per committed evaluation, the lease
 * as the status endpoint shows it, and the snapshots of the plans that what runs came from.
 */
@ApplicationScoped
public class EvaluationStore {

    private final Pool pool;

    public EvaluationStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Triggers waiting: how many, the newest id (0 for none), and the ids themselves, which are what an evaluation
     * consumes: ids are handed out in insert order but committed in any order, so "every id up to the newest seen"
     * could delete a trigger that committed after the read and was never seen.
     */
    public record Triggers(long count, long upTo, List<Long> ids) {

        public Triggers {
            ids = List.copyOf(ids);
        }
    }

    public Uni<Triggers> triggers() {
        return pool.query("SELECT id FROM placement_trigger ORDER BY id").execute().map(rows -> {
            List<Long> ids = new java.util.ArrayList<>();
            rows.forEach(r -> ids.add(r.getLong("id")));
            return new Triggers(ids.size(), ids.isEmpty() ? 0 : ids.get(ids.size() - 1), ids);
        });
    }

    /** Deletes exactly the triggers an evaluation saw (those that came during it stay for the next); how many. */
    public Uni<Integer> consume(SqlConnection tx, Triggers seen) {
        if (seen.ids().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return tx.preparedQuery("DELETE FROM placement_trigger WHERE id = ANY($1)")
                .execute(Tuple.of(seen.ids().toArray(Long[]::new))).map(RowSet::rowCount);
    }

    /** When the fleet was last evaluated by anyone (null: never). */
    public Uni<OffsetDateTime> lastEvaluatedAt() {
        return pool.query("SELECT max(evaluated_at) AS at FROM placement_evaluation").execute()
                .map(rows -> rows.iterator().next().getOffsetDateTime("at"));
    }

    /** How long evaluation rows are kept: one every 5 minutes is about 2,000 a week. */
    static final java.time.Duration KEPT = java.time.Duration.ofDays(7);

    /** Records one evaluation, and drops rows older than {@link #KEPT} before it. */
    public Uni<Void> record(SqlConnection tx, PlacementStatusView.Evaluation e, long token) {
        return tx.preparedQuery("INSERT INTO placement_evaluation (evaluated_at, holder, lease_token, cause,"
                + " units_solved, units_reused, millis, proposals, created, advanced, superseded, triggers_consumed,"
                + " note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
                .execute(Tuple.from(new Object[] {e.evaluatedAt(), e.holder(), token, e.cause(), e.unitsSolved(),
                        e.unitsReused(), e.millis(), e.proposals(), e.created(), e.advanced(), e.superseded(),
                        e.triggersConsumed(), e.note()}))
                .chain(() -> tx.preparedQuery("DELETE FROM placement_evaluation WHERE evaluated_at < $1")
                        .execute(Tuple.of(e.evaluatedAt().minus(KEPT))))
                .replaceWithVoid();
    }

    public Uni<PlacementStatusView> status() {
        return pool.query("SELECT holder, token, expires_at FROM placement_lease WHERE name = 'placement'").execute()
                .chain(lease -> triggers().chain(t -> pool.query("SELECT * FROM placement_evaluation"
                        + " ORDER BY evaluated_at DESC, id DESC LIMIT 1").execute().map(last -> {
                            Row l = lease.rowCount() == 0 ? null : lease.iterator().next();
                            Row e = last.rowCount() == 0 ? null : last.iterator().next();
                            return new PlacementStatusView(l == null ? null : l.getString("holder"),
                                    l == null ? null : l.getOffsetDateTime("expires_at"),
                                    l == null ? 0 : l.getLong("token"), t.count(), e == null ? null : evaluation(e));
                        })));
    }

    private static PlacementStatusView.Evaluation evaluation(Row e) {
        return new PlacementStatusView.Evaluation(e.getOffsetDateTime("evaluated_at"), e.getString("holder"),
                e.getString("cause"), e.getInteger("units_solved"), e.getInteger("units_reused"),
                e.getLong("millis"), e.getInteger("proposals"), e.getInteger("created"), e.getInteger("advanced"),
                e.getInteger("superseded"), e.getInteger("triggers_consumed"), e.getString("note"));
    }

    /** The snapshots of these stored plans, by id (plans deleted since are absent). */
    public Uni<Map<UUID, CatalogSnapshot>> planSnapshots(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT id, snapshot FROM plan WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, CatalogSnapshot> out = new HashMap<>();
                    for (Row r : rows) {
                        PlanEntity stored = new PlanEntity();
                        stored.id = r.getUUID("id");
                        stored.snapshot = r.getString("snapshot");
                        out.put(stored.id, PlanJson.snapshot(stored));
                    }
                    return out;
                });
    }
}
