package io.modelfleet.api.security;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens this replica resolved in the last few seconds, by hash, so a client's burst of requests costs one
 * database lookup instead of one per request (the lookup was a third of the database work of a GET). What is cached
 * is the row, not the verdict: expiry and a rotated-out secret's overlap are checked against the clock on every use,
 * so they end exactly on time. Revoking or rotating on this replica forgets everything at once; on another replica
 * the old row is trusted for at most the TTL ({@code modelfleet.security.token-cache-ttl}, 0 turns it off). Unknown
 * tokens are never cached: a token created a moment ago works at once, and guessing gains nothing.
 */
public final class ResolvedTokens {

    /** Bounds the memory; clearing costs each live token one lookup. */
    static final int MAX_ENTRIES = 10_000;

    /** The token row as the authentication SELECT read it. */
    public record Row(UUID id, String name, Role role, OffsetDateTime expiresAt, boolean currentSecret,
            OffsetDateTime previousExpiresAt, OffsetDateTime lastUsedAt) {
    }

    private record Entry(Row row, long resolvedAtNanos) {
    }

    private final long ttlNanos;
    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    /** Incremented by every {@link #forgetAll()}: a lookup that started before it must not cache what it read. */
    private final AtomicLong generation = new AtomicLong();

    public ResolvedTokens(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** The row resolved for {@code hash} within the TTL, or null. */
    public Row fresh(String hash, long nowNanos) {
        Entry e = byHash.get(hash);
        if (e == null) {
            return null;
        }
        if (nowNanos - e.resolvedAtNanos() >= ttlNanos) {
            byHash.remove(hash, e);
            return null;
        }
        return e.row();
    }

    /** Taken before the lookup's SELECT and handed to {@link #remember}. */
    public long generation() {
        return generation.get();
    }

    /**
     * Caches what a lookup read, unless a revoke or rotation forgot everything since {@code readInGeneration}: the
     * row may then be the old one, read before that change committed.
     */
    public void remember(String hash, Row row, long nowNanos, long readInGeneration) {
        if (ttlNanos <= 0 || generation.get() != readInGeneration) {
            return;
        }
        if (byHash.size() >= MAX_ENTRIES) {
            byHash.clear();
        }
        byHash.put(hash, new Entry(row, nowNanos));
    }

    /** After a revoke or rotation: the next request of every token reads its row again. */
    public void forgetAll() {
        generation.incrementAndGet();
        byHash.clear();
    }
}
