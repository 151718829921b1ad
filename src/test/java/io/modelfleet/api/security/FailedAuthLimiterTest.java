package io.modelfleet.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.modelfleet.testing.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailedAuthLimiterTest {

    private final SteppedClock clock = new SteppedClock(Instant.parse("2027-01-01T00:00:00Z"));

    private FailedAuthLimiter limiter(int maxFailures, int maxTracked) {
        return new FailedAuthLimiter(clock, maxFailures, Duration.ofMinutes(1), Duration.ofMinutes(5), maxTracked);
    }

    @Test
    void theFailureThatReachesTheLimitBlocksTheAddressForTheWholeBlockThenItIsFree() {
        FailedAuthLimiter limiter = limiter(3, 100);
        limiter.failed("192.0.2.7");
        clock.step(Duration.ofSeconds(20));
        limiter.failed("192.0.2.7");
        assertEquals(Optional.empty(), limiter.blockedFor("192.0.2.7"), "two failures of three");
        clock.step(Duration.ofSeconds(39));
        limiter.failed("192.0.2.7");
        assertEquals(Optional.of(Duration.ofMinutes(5)), limiter.blockedFor("192.0.2.7"));
        assertEquals(Optional.empty(), limiter.blockedFor("192.0.2.8"), "other addresses are not affected");
        clock.step(Duration.ofSeconds(299));
        assertEquals(Optional.of(Duration.ofSeconds(1)), limiter.blockedFor("192.0.2.7"));
        clock.step(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), limiter.blockedFor("192.0.2.7"));
    }

    @Test
    void failuresSpreadOverMoreThanOneWindowNeverBlock() {
        FailedAuthLimiter limiter = limiter(3, 100);
        for (int i = 0; i < 10; i++) {
            limiter.failed("192.0.2.7");
            limiter.failed("192.0.2.7");
            clock.step(Duration.ofMinutes(1));
        }
        assertEquals(Optional.empty(), limiter.blockedFor("192.0.2.7"));
    }

    @Test
    void failuresWhileBlockedDoNotExtendTheBlockAndCountAfreshAfterIt() {
        FailedAuthLimiter limiter = limiter(2, 100);
        limiter.failed("192.0.2.7");
        limiter.failed("192.0.2.7");
        clock.step(Duration.ofMinutes(4));
        limiter.failed("192.0.2.7");
        assertEquals(Optional.of(Duration.ofMinutes(1)), limiter.blockedFor("192.0.2.7"));
        clock.step(Duration.ofMinutes(1));
        limiter.failed("192.0.2.7");
        assertEquals(Optional.empty(), limiter.blockedFor("192.0.2.7"), "one failure of a new window");
        limiter.failed("192.0.2.7");
        assertEquals(Optional.of(Duration.ofMinutes(5)), limiter.blockedFor("192.0.2.7"));
    }

    @Test
    void memoryIsCappedAndABlockedAddressOutlivesTheEviction() {
        FailedAuthLimiter limiter = limiter(2, 3);
        limiter.failed("198.51.100.1");
        limiter.failed("198.51.100.1");
        limiter.failed("198.51.100.2");
        limiter.failed("198.51.100.3");
        assertEquals(3, limiter.tracked());
        limiter.failed("198.51.100.4");
        assertEquals(2, limiter.tracked(), "partial counts go to make room; the blocked address and the new stay");
        assertEquals(Optional.of(Duration.ofMinutes(5)), limiter.blockedFor("198.51.100.1"));
        for (int i = 10; i < 30; i++) {
            limiter.failed("198.51.100." + i);
            limiter.failed("198.51.100." + i);
        }
        assertEquals(3, limiter.tracked(), "never more than the cap");
        assertEquals(Optional.of(Duration.ofMinutes(5)), limiter.blockedFor("198.51.100.1"));
        clock.step(Duration.ofMinutes(5));
        limiter.failed("198.51.100.99");
        assertEquals(1, limiter.tracked(), "ended blocks and windows are dropped first");
    }

    @Test
    void nonsenseLimitsAreRefusedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> new FailedAuthLimiter(clock, 0, Duration.ofMinutes(1),
                Duration.ofMinutes(5), 10));
        assertThrows(IllegalArgumentException.class, () -> new FailedAuthLimiter(clock, 1, Duration.ZERO,
                Duration.ofMinutes(5), 10));
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64AndIpv4PerAddress() {
        assertEquals("20010db800010002::/64", ClientAddress.key("2001:db8:1:2::1"));
        assertEquals(ClientAddress.key("2001:db8:1:2::1"), ClientAddress.key("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertEquals("192.0.2.7", ClientAddress.key("192.0.2.7"));
        assertEquals("unknown", ClientAddress.key(null));
    }
}
