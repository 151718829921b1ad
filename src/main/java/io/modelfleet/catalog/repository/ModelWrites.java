package io.modelfleet.catalog.repository;

import static io.modelfleet.common.persistence.SqlValues.utc;

import io.modelfleet.catalog.dto.ModelView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.function.Consumer;

/**
 * PUT /models/{name} in plain SQL, one transaction: the row is read FOR UPDATE (with its variant count) so the
 * revision check and the write see the same revision; a create races on the unique name (ON CONFLICT), never on a
 * half-read state. Revisions follow the entity's rule: 0 when created, +1 per change, unchanged for an equal body.
 */
@ApplicationScoped
public class ModelWrites {

    /** The model after the write, and whether this request created it. */
    public record Written(ModelView view, boolean created) {
    }

    private final Pool pool;

    public ModelWrites(Pool pool) {
        this.pool = pool;
    }

    /**
     * {@code check} runs with the stored revision (null: no such model) and throws to refuse; the body is already
     * normalized. A concurrent create of the same name surfaces as {@code raceLost}.
     */
    public Uni<Written> put(String name, String task, String accuracyMetric, OffsetDateTime now, Consumer<Long> check,
            Runnable raceLost) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT m.id, m.task, m.accuracy_metric, m.revision,"
                + " m.created_at, m.updated_at, (SELECT count(*) FROM variant v WHERE v.model_id = m.id) AS variants"
                + " FROM model m WHERE m.name = $1 FOR UPDATE").execute(Tuple.of(name)).chain(rows -> {
                    if (rows.rowCount() == 0) {
                        check.accept(null);
                        return create(c, name, task, accuracyMetric, now, raceLost);
                    }
                    Row r = rows.iterator().next();
                    long revision = r.getLong("revision");
                    check.accept(revision);
                    long variants = r.getLong("variants");
                    OffsetDateTime created = utc(r.getOffsetDateTime("created_at"));
                    if (r.getString("task").equals(task) && r.getString("accuracy_metric").equals(accuracyMetric)) {
                        return Uni.createFrom().item(new Written(new ModelView(name, task, accuracyMetric, variants,
                                revision, created, utc(r.getOffsetDateTime("updated_at"))), false));
                    }
                    return c.preparedQuery("UPDATE model SET task = $2, accuracy_metric = $3, revision = revision + 1,"
                            + " updated_at = $4 WHERE id = $1").execute(Tuple.of(r.getLong("id"), task, accuracyMetric,
                                    now))
                            .map(ignored -> new Written(new ModelView(name, task, accuracyMetric, variants,
                                    revision + 1, created, now), false));
                }));
    }

    private static Uni<Written> create(SqlConnection c, String name, String task, String accuracyMetric,
            OffsetDateTime now, Runnable raceLost) {
        return c.preparedQuery("INSERT INTO model (name, task, accuracy_metric, revision, created_at, updated_at)"
                + " VALUES ($1, $2, $3, 0, $4, $4) ON CONFLICT ON CONSTRAINT model_name_key DO NOTHING RETURNING id")
                .execute(Tuple.of(name, task, accuracyMetric, now)).map(inserted -> {
                    if (inserted.rowCount() == 0) {
                        raceLost.run();
                    }
                    return new Written(new ModelView(name, task, accuracyMetric, 0, 0, now, now), true);
                });
    }

}
