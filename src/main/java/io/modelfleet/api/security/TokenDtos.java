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

    /** A token as listed: never the secret, only a hint of its first characters. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenView(UUID id, String name, Role role, String tokenHint, OffsetDateTime createdAt,
            String createdBy, OffsetDateTime expiresAt) {

        static TokenView of(ApiTokenEntity e) {
            return new TokenView(e.id, e.name, e.role, e.tokenHint, e.createdAt, e.createdBy, e.expiresAt);
        }
    }

    /** The answer to a create: the only time the secret is ever shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreatedToken(UUID id, String name, Role role, String token, OffsetDateTime createdAt,
            OffsetDateTime expiresAt) {
    }
}
