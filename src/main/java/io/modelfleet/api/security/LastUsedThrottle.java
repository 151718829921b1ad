package io.modelfleet.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a token's {@code last_used_at} is worth writing: at most once per {@link #INTERVAL} per token.
 * It remembers what this process last wrote and also trusts the value the authentication SELECT just read, so
 * several replicas together still write about once a minute (the UPDATE itself is conditional as well). The
 * common request therefore costs a map lookup, not a write.
 */
public final class LastUsedThrottle {

    /** The resolution of {@code lastUsedAt}: the "at most once a minute per token". */
    public static final Duration INTERVAL = Duration.ofMinutes(1);
    /** Bounds the memory; clearing it costs at most one extra conditional UPDATE per token. */
    static final int MAX_REMEMBERED = 10_000;

    private final Clock clock;
    private final Map<UUID, Instant> written = new ConcurrentHashMap<>();

    public LastUsedThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param stored the token's {@code last_used_at} as read with it, null when never written
     * @return the time to write, or null when the stored or remembered value is less than a minute old
     */
    public Instant due(UUID token, Instant stored) {
        Instant now = clock.instant();
        if (written.size() >= MAX_REMEMBERED) {
            written.clear();
        }
        Instant[] due = new Instant[1];
        // Atomic per token: of two requests racing past a stale value, only one is told to write.
        written.compute(token, (id, remembered) -> {
            Instant known = remembered == null || (stored != null && stored.isAfter(remembered)) ? stored
                    : remembered;
            if (known != null && Duration.between(known, now).compareTo(INTERVAL) < 0) {
                return remembered;
            }
            due[0] = now;
            return now;
        });
        return due[0];
    }
}
