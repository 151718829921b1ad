package io.modelfleet.api.audit;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Purges audit rows past {@code modelfleet.audit.retention}. The database function does the delete under an
 * advisory lock, so replicas sharing a database never purge twice at once, and it is the only path past the table's
 * append-only trigger.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final AuditLog log;
    private final AuditConfig config;
    private final Clock clock;

    public AuditRetention(AuditLog log, AuditConfig config, Clock clock) {
        this.log = log;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${modelfleet.audit.purge-interval:1h}", delayed = "${modelfleet.audit.purge-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().invoke(purged -> {
            if (purged > 0) {
                LOG.infof("audit purge removed %d rows older than %s", purged, config.retention());
            }
        }).onFailure().invoke(e -> LOG.warnf("audit purge failed; the next run retries: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Removes every row older than now minus the retention; returns how many. */
    public Uni<Long> purge() {
        return log.purgeOlderThan(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .minus(config.retention()));
    }
}
