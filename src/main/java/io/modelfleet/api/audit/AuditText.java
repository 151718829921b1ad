package io.modelfleet.api.audit;

/**
 * Makes request-derived text storable: PostgreSQL refuses NUL in text and a VARCHAR refuses excess length, and
 * an audit row must be written for exactly the requests that carry such input. NUL and unpaired surrogates become
 * U+FFFD; text longer than the column is cut, marked with an ellipsis, never split inside a surrogate pair.
 */
final class AuditText {

    private static final char REPLACEMENT = '\uFFFD';

    private AuditText() {
    }

    static String clean(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        if (out.length() <= maxLength) {
            return out.toString();
        }
        int cut = maxLength - 1;
        if (Character.isHighSurrogate(out.charAt(cut - 1))) {
            cut--;
        }
        return out.substring(0, cut) + '\u2026';
    }
}
