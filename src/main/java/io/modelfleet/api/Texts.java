package io.modelfleet.api;

import java.util.Optional;

/**
 * What no text the API accepts may contain: a NUL character (PostgreSQL refuses the byte in text and JSONB) or an
 * unpaired UTF-16 surrogate (no UTF-8 encoding exists for it, so it would be stored as '?'). One check, used by the
 * JSON reader for every string of every body, by {@link Violations} for every string a rule sees, and by
 * {@link RequestParameterGuard} for path segments and query parameters.
 */
public final class Texts {

    private Texts() {
    }

    /** Why {@code value} cannot be stored as text, or empty when it can (null included). */
    public static Optional<String> problem(CharSequence value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return Optional.of("must not contain a NUL character (U+0000), found at index " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of(unpaired(c, i));
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of(unpaired(c, i));
            }
        }
        return Optional.empty();
    }

    private static String unpaired(char c, int index) {
        return String.format("must not contain an unpaired UTF-16 surrogate (U+%04X), found at index %d", (int) c,
                index);
    }
}
