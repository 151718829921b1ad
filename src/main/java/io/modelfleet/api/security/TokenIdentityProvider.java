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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Resolves a bearer token to its stored row by hash. It uses the reactive SQL pool directly: one indexed select
 * on the event loop, with no Hibernate session needed before the request has even reached a resource.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<BearerTokenRequest> {

    private final Pool pool;

    public TokenIdentityProvider(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Class<BearerTokenRequest> getRequestType() {
        return BearerTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(BearerTokenRequest request, AuthenticationRequestContext context) {
        String hash = TokenHashes.sha256(request.getToken().getToken());
        return pool.preparedQuery("SELECT name, role, expires_at FROM api_token WHERE token_hash = $1")
                .execute(Tuple.of(hash))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new AuthenticationFailedException("unknown token");
                    }
                    return identity(rows.iterator().next());
                });
    }

    private static SecurityIdentity identity(Row row) {
        OffsetDateTime expiresAt = row.getOffsetDateTime("expires_at");
        if (expiresAt != null && expiresAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new AuthenticationFailedException("expired token");
        }
        Role role = Role.valueOf(row.getString("role"));
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(row.getString("name")))
                .addRoles(role.grants())
                .build();
    }
}
