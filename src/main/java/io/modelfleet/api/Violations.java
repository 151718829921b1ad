package io.modelfleet.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every problem of a request before anything is written, so that one response names all bad fields.
 * Number rules reject NaN and infinities explicitly: Bean Validation's {@code @Positive} accepts NaN. Every string
 * a rule sees is also checked for NUL characters and unpaired surrogates ({@link Texts}), once per field.
 */
public final class Violations {

    private final List<FieldError> errors = new ArrayList<>();
    private final Set<String> textChecked = new HashSet<>();

    public Violations add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean required(String field, Object value) {
        if (value instanceof String s && !storable(field, s)) {
            return false;
        }
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
        if (value != null && storable(field, value) && value.length() > max) {
            add(field, "must be at most " + max + " characters, was " + value.length());
        }
    }

    public void matches(String field, String value, String regex, String expectation) {
        if (value != null && storable(field, value) && !value.matches(regex)) {
            add(field, expectation);
        }
    }

    /** Optional text of at most {@code max} characters. */
    public void text(String field, String value, int max) {
        maxLength(field, value, max);
    }

    /** Required text of at most {@code max} characters. */
    public void requiredText(String field, String value, int max) {
        if (required(field, value)) {
            maxLength(field, value, max);
        }
    }

    /** Optional text matching {@code regex}, checked for length first so a huge value never reaches the regex. */
    public void pattern(String field, String value, int max, String regex, String expectation) {
        if (value != null && storable(field, value)) {
            if (value.length() > max) {
                add(field, "must be at most " + max + " characters, was " + value.length());
            } else if (!value.matches(regex)) {
                add(field, expectation);
            }
        }
    }

    /** A finite number in [min, max]; absent is allowed (a default applies, or the field is optional). */
    public void rangeIfPresent(String field, Number value, double min, double max) {
        if (value != null && finite(field, value) && (value.doubleValue() < min || value.doubleValue() > max)) {
            add(field, "must be between " + format(min) + " and " + format(max) + ", was " + format(value));
        }
    }

    /** A required finite number greater than 0 and at most {@code max}. */
    public void positiveAtMost(String field, Number value, double max) {
        if (required(field, value)) {
            positiveAtMostIfPresent(field, value, max);
        }
    }

    /** A finite number greater than 0 and at most {@code max}; absent is allowed. */
    public void positiveAtMostIfPresent(String field, Number value, double max) {
        if (value != null && finite(field, value)) {
            if (value.doubleValue() <= 0) {
                add(field, "must be greater than 0, was " + format(value));
            } else if (value.doubleValue() > max) {
                add(field, "must be at most " + format(max) + ", was " + format(value));
            }
        }
    }

    /** A required finite number in [min, max]. */
    public void range(String field, Number value, double min, double max) {
        if (required(field, value)) {
            rangeIfPresent(field, value, min, max);
        }
    }

    /** At most {@code max} entries; absent counts as none. */
    public boolean maxSize(String field, Collection<?> values, int max) {
        if (values != null && values.size() > max) {
            add(field, "must have at most " + max + " entries, was " + values.size());
            return false;
        }
        return true;
    }

    /** At most {@code max} entries in a map; absent counts as none. */
    public boolean maxSize(String field, java.util.Map<?, ?> values, int max) {
        return values == null || maxSize(field, values.keySet(), max);
    }

    /** False (and one error for the field) when the value contains what PostgreSQL text cannot hold. */
    private boolean storable(String field, String value) {
        var problem = Texts.problem(value);
        if (problem.isPresent()) {
            if (textChecked.add(field)) {
                add(field, problem.get());
            }
            return false;
        }
        return true;
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
