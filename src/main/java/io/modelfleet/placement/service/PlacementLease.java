package io.modelfleet.placement.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one evaluator of the fleet (design 006, I6): a row with a holder, an expiry and a fencing token. Taking a
 * lease that lapsed (or nobody held) increments the token; renewing keeps it. Every evaluation's writes first lock
 * the row and check that holder and token are still current ({@link #fence}), so a replica whose lease was taken —
 * however slow, whatever it believes — writes nothing. Times come from the injected clock, so tests step them.
 */
public final class PlacementLease {

    /** The row's name: one fleet, one evaluator. */
    static final String NAME = "placement";

    /** The lease as this replica holds it. */
    public record Held(String holder, long token, OffsetDateTime expiresAt) {
    }

    private final Pool pool;
    private final String holder;
    private final Duration duration;
    private final Clock clock;

    PlacementLease(Pool pool, String holder, Duration duration, Clock clock) {
        this.pool = pool;
        this.holder = holder;
        this.duration = duration;
        this.clock = clock;
    }

    public String holder() {
        return holder;
    }

    /**
     * Takes or renews the lease: granted when nobody holds it, it lapsed, or it is already this replica's (same
     * token while it has not lapsed). Empty while another replica holds it.
     */
    public Optional<Held> acquire() {
        OffsetDateTime now = now();
        return pool.preparedQuery("INSERT INTO placement_lease (name, holder, token, expires_at) VALUES ($1, $2, 1, $3)"
                + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at,"
                + " token = CASE WHEN placement_lease.holder = EXCLUDED.holder AND placement_lease.expires_at > $4"
                + " THEN placement_lease.token ELSE placement_lease.token + 1 END"
                + " WHERE placement_lease.holder = EXCLUDED.holder OR placement_lease.expires_at <= $4"
                + " RETURNING token, expires_at")
                .execute(Tuple.of(NAME, holder, now.plus(duration), now))
                .map(rows -> rows.rowCount() == 0 ? Optional.<Held>empty() : Optional.of(held(rows.iterator().next())))
                .await().atMost(Duration.ofSeconds(30));
    }

    /**
     * Extends a held lease with the same token; throws {@link LeaseLost} when it changed hands. A lease that lapsed
     * while nobody took it (a slow fleet read with Prometheus down) is still ours: every takeover, even our own
     * re-acquire, moves the token, so an unchanged token proves no other evaluation ran in between.
     */
    public Held renew(Held held) {
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE placement_lease SET expires_at = $4 WHERE name = $1 AND holder = $2"
                + " AND token = $3 RETURNING token, expires_at")
                .execute(Tuple.of(NAME, holder, held.token(), now.plus(duration)))
                .map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw lost(held);
                    }
                    return held(rows.iterator().next());
                }).await().atMost(Duration.ofSeconds(30));
    }

    /**
     * Inside a write transaction: locks the lease row and fails with {@link LeaseLost} unless its token is still
     * ours (see {@link #renew}); the lock holds off a takeover until the writes commit.
     */
    public Uni<Void> fence(SqlConnection tx, Held held) {
        return tx.preparedQuery("SELECT 1 FROM placement_lease WHERE name = $1 AND holder = $2 AND token = $3"
                + " FOR UPDATE")
                .execute(Tuple.of(NAME, holder, held.token()))
                .map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw lost(held);
                    }
                    return null;
                });
    }

    /** Gives the lease up at shutdown, so another replica need not wait for it to expire. */
    public void release(Held held) {
        pool.preparedQuery("UPDATE placement_lease SET expires_at = $4 WHERE name = $1 AND holder = $2 AND token = $3")
                .execute(Tuple.of(NAME, holder, held.token(), now())).await().atMost(Duration.ofSeconds(5));
    }

    private LeaseLost lost(Held held) {
        return new LeaseLost("placement lease token " + held.token() + " of " + holder + " is no longer current;"
                + " the write is refused");
    }

    private Held held(Row row) {
        return new Held(holder, row.getLong("token"), row.getOffsetDateTime("expires_at"));
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** This replica no longer holds the placement lease. */
    public static final class LeaseLost extends RuntimeException {
        LeaseLost(String message) {
            super(message, null, false, false);
        }
    }
}
