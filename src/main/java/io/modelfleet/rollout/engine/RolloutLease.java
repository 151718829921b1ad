package io.modelfleet.rollout.engine;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which replica drives which rollout, with a fencing token. Claiming a rollout whose lease lapsed (or that nobody
 * held) increments {@code lease_token}; every commit and every renewal names the token it was claimed with, so a
 * replica that lost the lease — however slow, whatever its clock says — can change nothing more. Times come from the
 * injected clock, so tests step them; replicas' clocks are assumed to agree to well within the lease (NTP).
 */
public final class RolloutLease {

    /** A rollout this replica drives, and the token that proves it. */
    public record Claim(UUID rolloutId, long token) {
    }

    private final Pool pool;
    private final String owner;
    private final Duration duration;
    private final Clock clock;

    public RolloutLease(Pool pool, String owner, Duration duration, Clock clock) {
        this.pool = pool;
        this.owner = owner;
        this.duration = duration;
        this.clock = clock;
    }

    public String owner() {
        return owner;
    }

    public Duration duration() {
        return duration;
    }

    /** Claims up to {@code limit} runnable rollouts: unleased, lapsed, or already this replica's. */
    public List<Claim> claim(int limit) {
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE rollout r SET lease_owner = $1, lease_until = $2,"
                + " lease_token = CASE WHEN r.lease_owner = $1 AND r.lease_until >= $3 THEN r.lease_token"
                + " ELSE r.lease_token + 1 END"
                + " WHERE r.id IN (SELECT id FROM rollout WHERE status IN ('RUNNING', 'ABORTING', 'ROLLBACK_FAILED')"
                + " AND (lease_until IS NULL OR lease_until < $3 OR lease_owner = $1)"
                + " ORDER BY lease_until NULLS FIRST, created_at LIMIT $4 FOR UPDATE SKIP LOCKED)"
                + " RETURNING r.id, r.lease_token")
                .execute(Tuple.of(owner, now.plus(duration), now, limit))
                .map(rows -> {
                    List<Claim> claims = new ArrayList<>();
                    for (Row row : rows) {
                        claims.add(new Claim(row.getUUID("id"), row.getLong("lease_token")));
                    }
                    return claims;
                }).await().atMost(Duration.ofSeconds(30));
    }

    /** Extends the lease; throws {@link LeaseLost} when it is no longer this replica's (lapsed or taken). */
    public void renew(Claim claim) {
        OffsetDateTime now = now();
        int updated = pool.preparedQuery("UPDATE rollout SET lease_until = $4 WHERE id = $1 AND lease_owner = $2"
                + " AND lease_token = $3 AND lease_until > $5")
                .execute(Tuple.of(claim.rolloutId(), owner, claim.token(), now.plus(duration), now))
                .map(rows -> rows.rowCount()).await().atMost(Duration.ofSeconds(30));
        if (updated != 1) {
            throw new LeaseLost("rollout " + claim.rolloutId() + ": lease token " + claim.token() + " of " + owner
                    + " is no longer valid");
        }
    }

    /**
     * Inside a commit: locks the rollout row and checks the fence; returns the rollout's status and control version
     * as they are now, for the commit's compare-and-set. Throws {@link LeaseLost} when the fence does not hold.
     */
    /** The rollout row as a commit sees it under its lock. */
    public record Held(String status, long controlVersion) {
    }

    public io.smallrye.mutiny.Uni<Held> hold(SqlConnection tx, Claim claim) {
        return tx.preparedQuery("SELECT status, control_version FROM rollout WHERE id = $1 AND lease_owner = $2 AND lease_token = $3"
                + " AND lease_until > $4 FOR UPDATE")
                .execute(Tuple.of(claim.rolloutId(), owner, claim.token(), now()))
                .map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new LeaseLost("rollout " + claim.rolloutId() + ": fence " + owner + "/" + claim.token()
                                + " does not hold; the commit is refused");
                    }
                    Row row = rows.iterator().next();
                    return new Held(row.getString("status"), row.getLong("control_version"));
                });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
