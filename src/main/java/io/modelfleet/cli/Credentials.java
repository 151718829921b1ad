package io.modelfleet.cli;

import java.net.URI;

/**
 * Checks what a session is built from before any request carries it. A token goes into an HTTP header, so a
 * character the header cannot hold (a CI secret's trailing newline, a pasted non-ASCII character) would make the
 * JDK throw an exception that quotes the whole header; the check refuses it first, without ever echoing the token.
 */
public final class Credentials {

    private Credentials() {
    }

    /** The token without surrounding whitespace; refused when empty or when it holds other than visible ASCII. */
    public static String token(String raw, String source) {
        String token = raw == null ? "" : raw.strip();
        if (token.isEmpty()) {
            throw new UsageError("no token: pipe it on stdin or set MODELFLEET_TOKEN");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new UsageError("the token from " + source + " contains a character not allowed in an HTTP"
                        + " header (position " + (i + 1) + " of " + token.length() + "); API tokens are visible"
                        + " ASCII");
            }
        }
        return token;
    }

    /** An http:// or https:// URL with a host, as {@code login} and {@code MODELFLEET_URL} must give. */
    public static URI controlPlane(String url, String source) {
        try {
            URI base = URI.create(url.strip());
            if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
                throw new UsageError(source + " must be an http:// or https:// URL with a host, was '" + url + "'");
            }
            return base;
        } catch (IllegalArgumentException e) {
            throw new UsageError(source + " is not a URL: " + e.getMessage(), e);
        }
    }
}
