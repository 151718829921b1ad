package io.modelfleet.placement;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Asks for an evaluation soon (design 006, "Evaluations"): a row in {@code placement_trigger}, so the event reaches
 * the evaluating replica whichever replica saw it. Inside the change's own Hibernate transaction where it has one
 * ({@link #fireInTransaction}), so the trigger commits with the change; else right after the change committed
 * ({@link #fire}), where a trigger that cannot be written is logged and dropped rather than failing a request whose
 * change stands: the next interval's evaluation sees the change anyway.
 */
@ApplicationScoped
public class PlacementTriggers {

    private static final Logger LOG = Logger.getLogger(PlacementTriggers.class);
    private static final int MAX_REASON = 300;
    private static final String INSERT = "INSERT INTO placement_trigger (reason) VALUES ($1)";

    private final Pool pool;

    public PlacementTriggers(Pool pool) {
        this.pool = pool;
    }

    /** After a committed change: "price refresh of us-east-1", "deployment 'x' changed". Never fails. */
    public Uni<Void> fire(String reason) {
        return fire(pool, reason).onFailure().recoverWithUni(e -> {
            LOG.warnf("placement trigger '%s' not recorded (the next interval evaluates anyway): %s", reason,
                    e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /** In the current Hibernate Reactive transaction: the trigger commits (or rolls back) with the change. */
    public Uni<Void> fireInTransaction(String reason) {
        return Panache.getSession().chain(s -> s.createNativeQuery("INSERT INTO placement_trigger (reason) VALUES (?1)")
                .setParameter(1, clip(reason)).executeUpdate()).replaceWithVoid();
    }

    /** On a connection of the caller's (plain SQL writers that hold one). */
    public static Uni<Void> fire(SqlClient client, String reason) {
        return client.preparedQuery(INSERT).execute(Tuple.of(clip(reason))).replaceWithVoid();
    }

    private static String clip(String reason) {
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }
}
