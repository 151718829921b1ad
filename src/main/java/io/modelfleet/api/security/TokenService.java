package io.modelfleet.api.security;

import io.modelfleet.api.Names;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Violations;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Issues, lists, rotates and revokes API tokens. */
@ApplicationScoped
public class TokenService {

    /** The row that holds MODELFLEET_ADMIN_TOKEN; it cannot be revoked through the API, only by changing the env. */
    public static final String BOOTSTRAP_NAME = "bootstrap-admin";

    /** The latest expiry a token may have. */
    static final OffsetDateTime LATEST_EXPIRY = OffsetDateTime.parse("9999-12-31T23:59:59Z");

    private final ApiTokenRepository tokens;
    private final SecurityConfig.Rotation rotation;

    public TokenService(ApiTokenRepository tokens, SecurityConfig config) {
        this.tokens = tokens;
        this.rotation = config.rotation();
    }

    public static void validate(TokenDtos.CreateToken request) {
        Violations v = new Violations();
        if (request == null) {
            v.add("body", "is required").throwIfAny();
        }
        Names.check(v, "name", request.name());
        v.required("role", request.role());
        if (request.expiresAt() != null && request.expiresAt().isAfter(LATEST_EXPIRY)) {
            // PostgreSQL stores later instants as infinity or wraps them: bounded here, before the database.
            v.add("expiresAt", "must be at most " + LATEST_EXPIRY + ", was " + request.expiresAt());
        } else if (request.expiresAt() != null && request.expiresAt().isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            v.add("expiresAt", "must be in the future, was " + request.expiresAt());
        }
        v.throwIfAny();
    }

    @WithTransaction
    public Uni<TokenDtos.CreatedToken> create(TokenDtos.CreateToken request, String createdBy) {
        return tokens.findByName(request.name()).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("a token named '" + request.name() + "' already exists");
            }
            String secret = TokenHashes.newToken();
            ApiTokenEntity e = new ApiTokenEntity();
            e.id = UUID.randomUUID();
            e.name = request.name();
            e.role = request.role();
            e.tokenHash = TokenHashes.sha256(secret);
            e.tokenHint = TokenHashes.hint(secret);
            e.createdAt = now();
            e.createdBy = createdBy;
            e.expiresAt = request.expiresAt();
            return tokens.persist(e).map(saved -> new TokenDtos.CreatedToken(saved.id, saved.name, saved.role,
                    secret, saved.createdAt, saved.expiresAt));
        });
    }

    @WithSession
    public Uni<Page<TokenDtos.TokenView>> list(PageRequest page) {
        var query = tokens.findAll(Sort.by("name")).page(page.page(), page.size());
        return query.list().chain(items -> tokens.count().map(total -> new Page<>(
                items.stream().map(e -> TokenDtos.TokenView.of(e, now())).toList(), page.page(), page.size(),
                total)));
    }

    /**
     * The overlap a rotation asks for, checked against {@code modelfleet.security.rotation.max-overlap}; the
     * configured default when the request names none.
     */
    public Duration overlap(TokenDtos.RotateToken request) {
        Long seconds = request == null ? null : request.overlapSeconds();
        if (seconds == null) {
            return rotation.defaultOverlap();
        }
        long max = rotation.maxOverlap().toSeconds();
        if (seconds < 0 || seconds > max) {
            throw ProblemException.invalid("overlapSeconds", "must be between 0 and " + max + " (the old secret"
                    + " keeps working that long), was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * Gives the token a new secret; the current one keeps working for {@code overlap} (0: it stops now). A secret
     * replaced by an earlier rotation stops at once: at most two secrets are valid per token.
     */
    @WithTransaction
    public Uni<TokenDtos.RotatedToken> rotate(UUID id, Duration overlap) {
        return tokens.findById(id).chain(token -> {
            if (token == null) {
                throw ProblemException.notFound("no token with id " + id);
            }
            if (BOOTSTRAP_NAME.equals(token.name)) {
                throw ProblemException.conflict("the bootstrap admin token comes from MODELFLEET_ADMIN_TOKEN;"
                        + " change that variable and restart to rotate it");
            }
            OffsetDateTime now = now();
            if (token.expiresAt != null && !token.expiresAt.isAfter(now)) {
                throw ProblemException.conflict("token '" + token.name + "' expired at " + token.expiresAt
                        + "; create a new token instead of rotating an expired one");
            }
            String secret = TokenHashes.newToken();
            token.previousTokenHash = token.tokenHash;
            token.previousTokenHint = token.tokenHint;
            token.previousExpiresAt = now.plus(overlap);
            token.tokenHash = TokenHashes.sha256(secret);
            token.tokenHint = TokenHashes.hint(secret);
            token.rotatedAt = now;
            TokenDtos.PreviousSecret previous = overlap.isZero() ? null
                    : new TokenDtos.PreviousSecret(token.previousTokenHint, token.previousExpiresAt);
            return tokens.persist(token).map(saved -> new TokenDtos.RotatedToken(saved.id, saved.name, saved.role,
                    secret, now, saved.expiresAt, previous));
        });
    }

    @WithTransaction
    public Uni<Void> revoke(UUID id) {
        return tokens.findById(id).chain(token -> {
            if (token == null) {
                throw ProblemException.notFound("no token with id " + id);
            }
            if (BOOTSTRAP_NAME.equals(token.name)) {
                throw ProblemException.conflict("the bootstrap admin token comes from MODELFLEET_ADMIN_TOKEN;"
                        + " change or unset that variable to rotate it");
            }
            return tokens.delete(token);
        });
    }

    /** Makes the stored bootstrap token match the configured secret; nothing changes when it already does. */
    @WithTransaction
    public Uni<Void> ensureBootstrapAdmin(String secret) {
        String hash = TokenHashes.sha256(secret);
        return tokens.findByName(BOOTSTRAP_NAME).chain(existing -> {
            if (existing != null && existing.tokenHash.equals(hash)) {
                return Uni.createFrom().voidItem();
            }
            ApiTokenEntity e = existing != null ? existing : new ApiTokenEntity();
            if (existing == null) {
                e.id = UUID.randomUUID();
                e.name = BOOTSTRAP_NAME;
                e.createdBy = "MODELFLEET_ADMIN_TOKEN";
            }
            e.role = Role.ADMIN;
            e.tokenHash = hash;
            e.previousTokenHash = null;
            e.previousTokenHint = null;
            e.previousExpiresAt = null;
            e.tokenHint = TokenHashes.hint(secret);
            e.createdAt = now();
            return tokens.persist(e).replaceWithVoid();
        });
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
