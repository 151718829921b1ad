package io.modelfleet.profiling.repository;

import io.modelfleet.profiling.domain.StorableText;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The run's side of ingesting results, in the caller's Hibernate Reactive transaction: the same transaction
 * {@code BenchmarkRows} writes the benchmark rows in, so that the run becomes SUCCEEDED exactly when its rows
 * land, and a second ingestion (another replica, a second post) finds the run no longer RUNNING and writes
 * nothing. The first UPDATE also locks the row, so a concurrent one waits and then matches nothing.
 */
@ApplicationScoped
public class ProfilingRunSessionWrites {

    /**
     * RUNNING to SUCCEEDED, when the claim token is still {@code token} (the driver) or whatever it is ({@code null}:
     * results posted back, which hold no claim). The number of rows changed: 1, or 0 when the run moved.
     */
    public Uni<Integer> succeed(UUID id, Long token, String logsExcerpt, OffsetDateTime now) {
        // Null parameters are left out of the statement: PostgreSQL cannot type an untyped null in a native query.
        String sql = "UPDATE profiling_run SET state = 'SUCCEEDED', reason = NULL, finished_at = :now,"
                + (logsExcerpt == null ? "" : " logs_excerpt = :logs,") + " lease_until = NULL"
                + " WHERE id = :id AND state = 'RUNNING'" + (token == null ? "" : " AND lease_token = :token");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql).setParameter("id", id).setParameter("now", now);
            if (logsExcerpt != null) {
                // The pod log may hold what PostgreSQL refuses (a NUL echoed from a server's error body).
                query.setParameter("logs", StorableText.of(logsExcerpt));
            }
            if (token != null) {
                query.setParameter("token", token);
            }
            return query.executeUpdate();
        });
    }

    /** The rows the run wrote, as the API shows them (a JSON array). */
    public Uni<Integer> recordRows(UUID id, String rowsJson) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE profiling_run SET rows_produced = CAST(CAST(:rows AS text) AS jsonb) WHERE id = :id")
                .setParameter("id", id).setParameter("rows", rowsJson).executeUpdate());
    }
}
