package io.modelfleet.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects every problem of a request before anything is written, so that one response names all bad fields.
 * Number rules reject NaN and infinities explicitly: Bean Validation's {@code @Positive} accepts NaN.
 */
public final class Violations {

    private final List<FieldError> errors = new ArrayList<>();

    public Violations add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean required(String field, Object value) {
        boolean present = value != null && !(value instanceof String s && s.isBlank())
                && !(value instanceof Collection<?> c && c.isEmpty());
        if (!present) {
            add(field, "is required");
        }
        return present;
    }

    /** A finite number strictly greater than zero. */
    public void positive(String field, Number value) {
        if (required(field, value) && finite(field, value) && value.doubleValue() <= 0) {
            add(field, "must be greater than 0, was " + format(value));
        }
    }

    /** A finite number zero or greater; absent is allowed (a default applies). */
    public void nonNegativeIfPresent(String field, Number value) {
        if (value != null && finite(field, value) && value.doubleValue() < 0) {
            add(field, "must not be negative, was " + format(value));
        }
    }

    public void positiveIfPresent(String field, Number value) {
        if (value != null) {
            positive(field, value);
        }
    }

    public void nonNegative(String field, Number value) {
        if (required(field, value)) {
            nonNegativeIfPresent(field, value);
        }
    }

    public void maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters, was " + value.length());
        }
    }

    public void matches(String field, String value, String regex, String expectation) {
        if (value != null && !value.matches(regex)) {
            add(field, expectation);
        }
    }

    private boolean finite(String field, Number value) {
        double d = value.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            add(field, "must be a finite number, was " + value);
            return false;
        }
        return true;
    }

    /** Numbers as a person writes them: 0 rather than 0.0, 7.1 as 7.1. */
    static String format(Number value) {
        double d = value.doubleValue();
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Ends validation: throws a 400 naming every field collected so far. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
