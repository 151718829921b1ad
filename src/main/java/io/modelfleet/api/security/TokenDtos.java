package io.modelfleet.api.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Request and response shapes of {@code /api/v1/tokens}. */
public final class TokenDtos {

    private TokenDtos() {
    }

    /** What an admin asks for: a unique name, a role and optionally an expiry. */
    public record CreateToken(String name, Role role, OffsetDateTime expiresAt) {
    }

    /**
     * A token as listed: never a secret, only hints of their first characters. {@code expired} is true once
     * {@code expiresAt} has passed (the token then authenticates nothing). During a rotation's overlap
     * {@code previousSecret} shows the old secret's hint and when it stops; it is absent otherwise.
     * {@code lastUsedAt} is accurate to a minute.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenView(UUID id, String name, Role role, String tokenHint, OffsetDateTime createdAt,
            String createdBy, OffsetDateTime expiresAt, boolean expired, OffsetDateTime lastUsedAt,
            OffsetDateTime rotatedAt, PreviousSecret previousSecret) {

        static TokenView of(ApiTokenEntity e, OffsetDateTime now) {
            PreviousSecret previous = e.previousExpiresAt != null && e.previousExpiresAt.isAfter(now)
                    ? new PreviousSecret(e.previousTokenHint, e.previousExpiresAt) : null;
            return new TokenView(e.id, e.name, e.role, e.tokenHint, e.createdAt, e.createdBy, e.expiresAt,
                    e.expiresAt != null && !e.expiresAt.isAfter(now), e.lastUsedAt, e.rotatedAt, previous);
        }
    }

    /** The secret a rotation replaced, still accepted until {@code expiresAt}. */
    public record PreviousSecret(String tokenHint, OffsetDateTime expiresAt) {
    }

    /** A rotation: how long the old secret keeps working; absent means the configured default (1 hour). */
    public record RotateToken(Long overlapSeconds) {
    }

    /** The answer to a rotation: the new secret, shown this once, and when the old one stops working. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RotatedToken(UUID id, String name, Role role, String token, OffsetDateTime rotatedAt,
            OffsetDateTime expiresAt, PreviousSecret previousSecret) {
    }

    /** The answer to a create: the only time the secret is ever shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreatedToken(UUID id, String name, Role role, String token, OffsetDateTime createdAt,
            OffsetDateTime expiresAt) {
    }
}
