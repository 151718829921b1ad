package io.modelfleet.benchmarks.formats;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads numbers from text strictly. {@code Double.parseDouble} alone would take "NaN", "Infinity", "0x1p3" and
 * "12d"; a benchmark figure is a plain decimal, and anything else is named back to the user with its place.
 */
final class Numbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    private static final Pattern WHOLE = Pattern.compile("\\+?\\d+");

    private Numbers() {
    }

    static double parse(String text, Location where) {
        String value = text.trim();
        if (value.isEmpty()) {
            throw where.error("the value is empty");
        }
        if (NON_FINITE.matcher(value).matches()) {
            throw where.error("'" + value + "' is not a finite number");
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw where.error("'" + value + "' is not a number");
        }
        double number = Double.parseDouble(value);
        if (!Double.isFinite(number)) {
            throw where.error("'" + value + "' is not a finite number");
        }
        return number;
    }

    /** A throughput, latency or rate: finite and greater than zero. */
    static double positive(String text, Location where) {
        double number = parse(text, where);
        return requirePositive(number, text.trim(), where);
    }

    static double requirePositive(double number, String asWritten, Location where) {
        if (!Double.isFinite(number)) {
            throw where.error("'" + asWritten + "' is not a finite number");
        }
        if (number <= 0) {
            throw where.error("'" + asWritten + "' must be greater than zero");
        }
        return number;
    }

    /** A batch size or concurrency: a whole number of at least 1. */
    static int positiveWhole(String text, Location where) {
        String value = text.trim();
        if (!WHOLE.matcher(value).matches()) {
            parse(value, where);
            throw where.error("'" + value + "' is not a whole number");
        }
        int number;
        try {
            number = Integer.parseInt(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException tooLarge) {
            throw where.error("'" + value + "' is too large");
        }
        if (number < 1) {
            throw where.error("'" + value + "' must be at least 1");
        }
        return number;
    }

    /** A figure for messages, without float noise or a trailing ".0": 12.5, 3, 0.001. */
    static String show(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
}
