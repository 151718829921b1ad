package io.modelfleet.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A value loaded at most once per {@code ttl}: callers within the time share the last load, and callers that find it
 * expired at the same moment wait for one load rather than each starting their own. A failed load keeps the last value
 * (null before the first success) and is tried again by the next caller, so a database outage costs each scrape one
 * attempt, not one per gauge.
 */
final class CachedValue<T> {

    private static final Logger LOG = Logger.getLogger(CachedValue.class);

    private final Supplier<T> load;
    private final Duration ttl;
    private final Clock clock;
    private T value;
    private Instant loadedAt;

    CachedValue(Supplier<T> load, Duration ttl, Clock clock) {
        this.load = load;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The value, loaded now when the last load is older than the ttl (or there was none). */
    synchronized T get() {
        Instant now = clock.instant();
        if (loadedAt != null && now.isBefore(loadedAt.plus(ttl))) {
            return value;
        }
        try {
            value = load.get();
            loadedAt = now;
        } catch (RuntimeException e) {
            LOG.warnf("reading the fleet figures for /q/metrics failed; this scrape shows the last ones read: %s",
                    e.toString());
        }
        return value;
    }

    /** The last value loaded, without loading (null before the first success). */
    synchronized T last() {
        return value;
    }
}
