package io.modelfleet.placement;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Asks for an evaluation soon (design 006, "Evaluations"): a row in {@code placement_trigger}, so the event reaches
 * the evaluating replica whichever replica saw it. Fired right after the change committed; a trigger that cannot be
 * written is logged and dropped, never fails the request that changed something: the next interval's evaluation
 * sees the change anyway.
 */
@ApplicationScoped
public class PlacementTriggers {

    private static final Logger LOG = Logger.getLogger(PlacementTriggers.class);
    private static final int MAX_REASON = 300;

    private final Pool pool;

    public PlacementTriggers(Pool pool) {
        this.pool = pool;
    }

    /** Records that {@code reason} happened ("price refresh of us-east-1", "deployment 'x' changed"). */
    public Uni<Void> fire(String reason) {
        String text = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        return pool.preparedQuery("INSERT INTO placement_trigger (reason) VALUES ($1)").execute(Tuple.of(text))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("placement trigger '%s' not recorded (the next interval evaluates anyway): %s", text,
                            e.toString());
                    return Uni.createFrom().voidItem();
                });
    }
}
