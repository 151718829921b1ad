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

    /** The first characters, enough for a person to tell tokens apart in a list; never enough to use. */
    public static String hint(String token) {
        return token.substring(0, Math.min(8, token.length())) + "…";
    }
}
