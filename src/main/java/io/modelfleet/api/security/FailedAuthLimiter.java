package io.modelfleet.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications per client address and blocks an address that reaches {@code maxFailures} within
 * {@code window} (a fixed window that opens at the address's first counted failure) for {@code block}. While
 * blocked, the caller refuses every request that presents credentials, so a correct guess does not get through.
 * <p>
 * Memory is bounded by {@code maxTrackedAddresses}: when the map is full, entries whose window and block have
 * ended go first, then partial counts; a blocked address is never forgotten before its block ends. If every
 * tracked address is blocked, a new address is not tracked until one block ends (the attack is then already
 * contained to the addresses that are blocked).
 * <p>
 * Addresses are keyed by {@link ClientAddress#key}: IPv6 clients by their /64, since one host typically owns one.
 */
public final class FailedAuthLimiter {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration block;
    private final int maxTracked;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public FailedAuthLimiter(Clock clock, int maxFailures, Duration window, Duration block, int maxTracked) {
        if (maxFailures < 1 || maxTracked < 1 || window.isNegative() || window.isZero() || block.isNegative()
                || block.isZero()) {
            throw new IllegalArgumentException("modelfleet.security.failed-auth: max-failures and"
                    + " max-tracked-addresses must be at least 1, window and block positive");
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.block = block;
        this.maxTracked = maxTracked;
    }

    /** How long {@code address} stays blocked, empty when it is not. */
    public Optional<Duration> blockedFor(String address) {
        Entry entry = entries.get(address);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (entry) {
            if (entry.blockedUntil != null && now.isBefore(entry.blockedUntil)) {
                return Optional.of(Duration.between(now, entry.blockedUntil));
            }
        }
        return Optional.empty();
    }

    /** Counts one failure from {@code address}; the one that reaches the limit starts the block. */
    public void failed(String address) {
        Instant now = clock.instant();
        Entry entry = entries.get(address);
        if (entry == null) {
            if (entries.size() >= maxTracked && !makeRoom(now)) {
                return;
            }
            entry = entries.computeIfAbsent(address, a -> new Entry(now));
        }
        synchronized (entry) {
            if (entry.blockedUntil != null && now.isBefore(entry.blockedUntil)) {
                return;
            }
            if (!now.isBefore(entry.windowStart.plus(window)) || entry.blockedUntil != null) {
                entry.windowStart = now;
                entry.failures = 0;
                entry.blockedUntil = null;
            }
            entry.failures++;
            if (entry.failures >= maxFailures) {
                entry.blockedUntil = now.plus(block);
            }
        }
    }

    /** Addresses tracked now (for tests and the bound). */
    public int tracked() {
        return entries.size();
    }

    private boolean makeRoom(Instant now) {
        entries.values().removeIf(e -> e.finished(now, window));
        if (entries.size() >= maxTracked) {
            entries.values().removeIf(e -> !e.blocked(now));
        }
        return entries.size() < maxTracked;
    }

    private static final class Entry {
        Instant windowStart;
        int failures;
        Instant blockedUntil;

        Entry(Instant windowStart) {
            this.windowStart = windowStart;
        }

        synchronized boolean blocked(Instant now) {
            return blockedUntil != null && now.isBefore(blockedUntil);
        }

        synchronized boolean finished(Instant now, Duration window) {
            return !blocked(now) && !now.isBefore(windowStart.plus(window));
        }
    }
}
