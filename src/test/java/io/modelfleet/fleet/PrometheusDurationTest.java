package io.modelfleet.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.fleet.domain.PrometheusDuration;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrometheusDurationTest {

    @Test
    void everyPrometheusUnitParsesToItsLength() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), PrometheusDuration.parse("30s"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), PrometheusDuration.parse("1s500ms"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), PrometheusDuration.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofDays(1)), PrometheusDuration.parse("1d"));
        assertEquals(Optional.of(Duration.ofDays(7)), PrometheusDuration.parse("1w"));
        assertEquals(Optional.of(Duration.ofDays(365)), PrometheusDuration.parse("1y"));
        assertEquals(Optional.of(Duration.ZERO), PrometheusDuration.parse("0"));
        assertEquals(Optional.of(Duration.ZERO), PrometheusDuration.parse("0s"));
    }

    @Test
    void unitsOutOfOrderRepeatedOrMissingAreNotDurations() {
        for (String text : new String[] {"", "30", "m5", "5m1h", "1h1h", "1.5h", "-5m", "5 m", "5M", "P1D", "1s1"}) {
            assertEquals(Optional.empty(), PrometheusDuration.parse(text), text);
        }
    }

    @Test
    void aDurationTooLongForALongSaturatesInsteadOfWrappingAround() {
        assertEquals(Optional.of(Duration.ofMillis(Long.MAX_VALUE)), PrometheusDuration.parse("99999999999999999y"));
        assertEquals(Optional.of(Duration.ofMillis(Long.MAX_VALUE)),
                PrometheusDuration.parse("99999999999999999999s"));
    }

    @Test
    void durationsAreShownLargestUnitFirst() {
        assertEquals("0s", PrometheusDuration.format(Duration.ZERO));
        assertEquals("30s", PrometheusDuration.format(Duration.ofSeconds(30)));
        assertEquals("1m30s", PrometheusDuration.format(Duration.ofSeconds(90)));
        assertEquals("1h", PrometheusDuration.format(Duration.ofMinutes(60)));
        assertEquals("1d", PrometheusDuration.format(Duration.ofHours(24)));
        assertEquals("1d1h1m1s1ms", PrometheusDuration.format(Duration.ofMillis(90_061_001)));
    }
}
