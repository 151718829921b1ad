package io.modelfleet.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tokens are 256 random bits, so a plain SHA-256 is enough to store them: unlike passwords there is nothing to
 * guess, and a fast hash keeps every request's lookup cheap. The hash is the lookup key; the token itself is
 * shown once, at creation, and never stored.
 */
public final class TokenHashes {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PREFIX = "mft_";

    private TokenHashes() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Enough for a person to tell tokens apart in a list, never enough to use: the first 8 characters of a long
     * token, only the first 2 of a short one (a hand-set bootstrap token may be short).
     */
    public static String hint(String token) {
        int shown = token.length() >= 24 ? 8 : Math.min(2, token.length() / 4);
        return token.substring(0, shown) + "…";
    }
}
