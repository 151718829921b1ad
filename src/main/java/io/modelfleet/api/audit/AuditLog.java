package io.modelfleet.api.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * Writes audit rows: one prepared INSERT on the reactive pool (no Hibernate session, so it costs a request one
 * round trip), or on a caller's connection when the row must commit with the caller's own change.
 */
@ApplicationScoped
public class AuditLog {

    private static final String INSERT = "INSERT INTO audit_log (at, actor, role, method, path, resource_kind,"
            + " resource_name, action, revision_before, revision_after, status, outcome, detail)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

    private final Pool pool;

    public AuditLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> append(AuditEntry entry) {
        return append(pool, entry);
    }

    /** On {@code client}: inside its transaction when it is one (the engine's retirements use this). */
    public static Uni<Void> append(SqlClient client, AuditEntry entry) {
        return client.preparedQuery(INSERT).execute(tuple(entry)).replaceWithVoid();
    }

    /** Removes the rows older than {@code cutoff} through the database's purge function; returns how many. */
    public Uni<Long> purgeOlderThan(OffsetDateTime cutoff) {
        return pool.preparedQuery("SELECT audit_log_purge($1) AS purged").execute(Tuple.of(cutoff))
                .map(rows -> rows.iterator().next().getLong("purged"));
    }

    private static Tuple tuple(AuditEntry e) {
        return Tuple.from(Arrays.asList(e.at(), AuditText.clean(e.actor(), 200), AuditText.clean(e.role(), 16),
            AuditText.clean(e.method(), 16), AuditText.clean(e.path(), 1024), AuditText.clean(e.resourceKind(), 64),
            AuditText.clean(e.resourceName(), 512), AuditText.clean(e.action(), 64), e.revisionBefore(),
            e.revisionAfter(), e.status() == null ? null : e.status().shortValue(), e.outcome().name(),
            AuditText.clean(e.detail(), 500)));
    }
}
