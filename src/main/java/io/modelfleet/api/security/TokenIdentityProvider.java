package io.modelfleet.api.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Resolves a bearer token to its stored row by hash. It uses the reactive SQL pool directly: one indexed select
 * on the event loop (either secret of a rotated token matches), with no Hibernate session needed before the
 * request has even reached a resource. The token's expiry bounds both secrets; the previous secret also stops at
 * the end of its rotation overlap. {@code last_used_at} is written at most once a minute per token, by an
 * UPDATE the request does not wait for.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<BearerTokenRequest> {

    private static final Logger LOG = Logger.getLogger(TokenIdentityProvider.class);
    private static final String SELECT = "SELECT id, name, role, expires_at, last_used_at,"
            + " token_hash = $1 AS current_secret, previous_expires_at"
            + " FROM api_token WHERE token_hash = $1 OR previous_token_hash = $1";
    private static final String TOUCH = "UPDATE api_token SET last_used_at = $2 WHERE id = $1"
            + " AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - interval '1 minute')";

    private final Pool pool;
    private final Clock clock;
    private final LastUsedThrottle lastUsed;
    private final ResolvedTokens resolved;

    @Inject
    public TokenIdentityProvider(Pool pool, ResolvedTokens resolved) {
        this(pool, Clock.systemUTC(), resolved);
    }

    TokenIdentityProvider(Pool pool, Clock clock, ResolvedTokens resolved) {
        this.pool = pool;
        this.clock = clock;
        this.lastUsed = new LastUsedThrottle(clock);
        this.resolved = resolved;
    }

    @Override
    public Class<BearerTokenRequest> getRequestType() {
        return BearerTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(BearerTokenRequest request, AuthenticationRequestContext context) {
        String hash = TokenHashes.sha256(request.getToken().getToken());
        ResolvedTokens.Row cached = resolved.fresh(hash, System.nanoTime());
        if (cached != null) {
            return Uni.createFrom().item(() -> use(cached));
        }
        long generation = resolved.generation();
        return pool.preparedQuery(SELECT).execute(Tuple.of(hash)).map(rows -> {
            if (rows.size() == 0) {
                throw new AuthenticationFailedException("unknown token");
            }
            ResolvedTokens.Row row = row(rows.iterator().next());
            resolved.remember(hash, row, System.nanoTime(), generation);
            return use(row);
        });
    }

    private SecurityIdentity use(ResolvedTokens.Row row) {
        SecurityIdentity identity = identity(row, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        touch(row.id(), row.lastUsedAt());
        return identity;
    }

    private static ResolvedTokens.Row row(Row row) {
        return new ResolvedTokens.Row(row.getUUID("id"), row.getString("name"), Role.valueOf(row.getString("role")),
                row.getOffsetDateTime("expires_at"), row.getBoolean("current_secret"),
                row.getOffsetDateTime("previous_expires_at"), row.getOffsetDateTime("last_used_at"));
    }

    private static SecurityIdentity identity(ResolvedTokens.Row row, OffsetDateTime now) {
        if (row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
            throw new AuthenticationFailedException("expired token");
        }
        if (!row.currentSecret() && !row.previousExpiresAt().isAfter(now)) {
            throw new AuthenticationFailedException("rotated-out secret");
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(row.name()))
                .addRoles(row.role().grants())
                .build();
    }

    private void touch(UUID id, OffsetDateTime stored) {
        Instant due = lastUsed.due(id, stored == null ? null : stored.toInstant());
        if (due != null) {
            pool.preparedQuery(TOUCH).execute(Tuple.of(id, OffsetDateTime.ofInstant(due, ZoneOffset.UTC)))
                    .subscribe().with(rows -> { }, failure -> LOG.debugf(failure,
                            "last_used_at of token %s not written; a later use tries again", id));
        }
    }
}
