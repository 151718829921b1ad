package io.modelfleet.fleet.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus writes them: units from largest to smallest, each at most once ({@code 1h30m},
 * {@code 90s}, {@code 500ms}; {@code y} is 365 days, {@code w} 7 days), or a bare {@code 0}. Shown back in
 * canonical form, the largest units first ({@code 90s} is shown as {@code 1m30s}), as Prometheus itself does.
 */
public final class PrometheusDuration {

    private static final Pattern FORM = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000,
        1_000, 1};
    private static final String[] SHOWN_UNITS = {"d", "h", "m", "s", "ms"};
    private static final long[] SHOWN_MILLIS = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    /** Beyond any bound the API sets; a longer text saturates here instead of overflowing. */
    private static final Duration HUGE = Duration.ofMillis(Long.MAX_VALUE);

    private PrometheusDuration() {
    }

    /** The duration {@code text} denotes; empty when it is not a Prometheus duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long millis = 0;
        for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
            String digits = m.group(unit + 1);
            if (digits == null) {
                continue;
            }
            try {
                millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(digits), UNIT_MILLIS[unit]));
            } catch (ArithmeticException | NumberFormatException tooLarge) {
                return Optional.of(HUGE);
            }
        }
        return Optional.of(Duration.ofMillis(millis));
    }

    /** {@code duration} in canonical Prometheus form: {@code 0s}, {@code 30s}, {@code 1m30s}, {@code 1d}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int unit = 0; unit < SHOWN_UNITS.length; unit++) {
            long count = millis / SHOWN_MILLIS[unit];
            if (count > 0) {
                out.append(count).append(SHOWN_UNITS[unit]);
                millis -= count * SHOWN_MILLIS[unit];
            }
        }
        return out.toString();
    }
}
