package io.modelfleet.api.security;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResolvedTokensTest {

    private static final long SECOND = 1_000_000_000L;
    private final ResolvedTokens.Row row = new ResolvedTokens.Row(UUID.randomUUID(), "ci", Role.OPERATOR, null, true,
            null, OffsetDateTime.parse("2026-12-01T00:00:00Z"));

    @Test
    void aRowIsTrustedUntilItsTtlEndsAndReadAgainAfter() {
        ResolvedTokens cache = new ResolvedTokens(Duration.ofSeconds(5));
        cache.remember("h", row, 100 * SECOND, cache.generation());
        assertSame(row, cache.fresh("h", 100 * SECOND));
        assertSame(row, cache.fresh("h", 105 * SECOND - 1));
        assertNull(cache.fresh("h", 105 * SECOND));
        assertNull(cache.fresh("h", 100 * SECOND), "an expired entry is dropped, not kept for later");
    }

    @Test
    void forgettingDropsEveryRowAtOnce() {
        ResolvedTokens cache = new ResolvedTokens(Duration.ofSeconds(5));
        cache.remember("a", row, 0, cache.generation());
        cache.remember("b", row, 0, cache.generation());
        cache.forgetAll();
        assertNull(cache.fresh("a", 1));
        assertNull(cache.fresh("b", 1));
    }

    @Test
    void aLookupThatReadItsRowBeforeARevokeDoesNotCacheIt() {
        ResolvedTokens cache = new ResolvedTokens(Duration.ofSeconds(5));
        long readIn = cache.generation();
        cache.forgetAll();
        cache.remember("h", row, 0, readIn);
        assertNull(cache.fresh("h", 1), "the row may be the one the revoke deleted");
    }

    @Test
    void aZeroTtlCachesNothing() {
        ResolvedTokens cache = new ResolvedTokens(Duration.ZERO);
        cache.remember("h", row, 0, cache.generation());
        assertNull(cache.fresh("h", 0));
    }

    @Test
    void aFullCacheStartsOverInsteadOfGrowing() {
        ResolvedTokens cache = new ResolvedTokens(Duration.ofSeconds(5));
        for (int i = 0; i < ResolvedTokens.MAX_ENTRIES; i++) {
            cache.remember("h" + i, row, 0, cache.generation());
        }
        cache.remember("last", row, 0, cache.generation());
        assertNull(cache.fresh("h0", 1));
        assertSame(row, cache.fresh("last", 1));
    }
}
