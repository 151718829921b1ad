package io.modelfleet.profiling.domain;

/**
 * Text from outside ModelFleet's control made storable: a pod log (the load generator echoes server error bodies
 * into it) or a reason read from the cluster. PostgreSQL refuses a NUL in text, and an unpaired UTF-16 surrogate has
 * no UTF-8 form; either would fail the write that ends a run, and the run would be retried until its Job is gone.
 * Such characters become U+FFFD, so the rest of the text is kept as it was.
 */
public final class StorableText {

    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** {@code text} with every NUL and unpaired surrogate replaced by U+FFFD; null stays null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean bad = c == '\u0000' || Character.isSurrogate(c);
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? REPLACEMENT : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
