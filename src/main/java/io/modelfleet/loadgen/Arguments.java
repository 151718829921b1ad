package io.modelfleet.loadgen;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --name value} (or {@code --name=value}) options after the mode, read with typed getters. Every problem
 * is a {@link UsageError} that names the option, so a Job's log says which argument to fix.
 */
final class Arguments {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    private Arguments(Map<String, String> values) {
        this.values = values;
    }

    static Arguments parse(List<String> tokens) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!token.startsWith("--") || token.length() == 2) {
                throw new UsageError(token, "unexpected argument (options are --name value)");
            }
            String name = token;
            String value;
            int equals = token.indexOf('=');
            if (equals > 0) {
                name = token.substring(0, equals);
                value = token.substring(equals + 1);
            } else if (i + 1 < tokens.size() && !tokens.get(i + 1).startsWith("--")) {
                value = tokens.get(++i);
            } else {
                throw new UsageError(name, "needs a value");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageError(name, "given twice");
            }
        }
        return new Arguments(values);
    }

    Optional<String> optional(String name) {
        read.add(name);
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        String value = optional(name).orElseThrow(() -> new UsageError(name, "is required"));
        if (value.isBlank()) {
            throw new UsageError(name, "must not be empty");
        }
        return value;
    }

    String text(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    /** A comma-separated list of distinct positive integers, in the order given. */
    List<Integer> positiveIntegers(String name, String fallback) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : text(name, fallback).split(",", -1)) {
            int number = positive(name, part.trim());
            if (numbers.contains(number)) {
                throw new UsageError(name, number + " is listed twice");
            }
            numbers.add(number);
        }
        return List.copyOf(numbers);
    }

    /** A comma-separated list of positive dimensions, e.g. {@code 3,224,224}. */
    List<Long> dimensions(String name, String value) {
        List<Long> dims = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            dims.add((long) positive(name, part.trim()));
        }
        return List.copyOf(dims);
    }

    int integerAtLeast(String name, String fallback, int minimum) {
        String value = text(name, fallback);
        try {
            int number = Integer.parseInt(value.trim());
            if (number < minimum) {
                throw new UsageError(name, "must be at least " + minimum + ", not " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageError(name, "'" + value + "' is not an integer");
        }
    }

    long longValue(String name, String fallback) {
        String value = text(name, fallback);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageError(name, "'" + value + "' is not an integer");
        }
    }

    /** {@code 10s}, {@code 1.5s}, {@code 500ms}, {@code 2m}, or a bare number of seconds. */
    Duration duration(String name, String fallback, boolean zeroAllowed) {
        String value = text(name, fallback).trim();
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new UsageError(name, "'" + value + "' is not a duration (e.g. 10s, 1.5s, 500ms, 2m)");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        BigDecimal millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
            default -> amount.multiply(BigDecimal.valueOf(1_000));
        };
        Duration duration = Duration.ofNanos(millis.multiply(BigDecimal.valueOf(1_000_000)).longValue());
        if (duration.isZero() && !zeroAllowed) {
            throw new UsageError(name, "must be longer than zero");
        }
        return duration;
    }

    /** Refuses an option nobody read: a typo, or an option of the other mode. */
    void rejectUnknown(String mode) {
        for (String name : values.keySet()) {
            if (!read.contains(name)) {
                throw new UsageError(name, "unknown argument for mode " + mode);
            }
        }
    }

    private static int positive(String name, String part) {
        try {
            int number = Integer.parseInt(part);
            if (number < 1) {
                throw new UsageError(name, "'" + part + "' must be a positive integer");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageError(name, "'" + part + "' is not a positive integer");
        }
    }
}
