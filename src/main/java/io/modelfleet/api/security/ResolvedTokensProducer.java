package io.modelfleet.api.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One cache of resolved tokens per process, shared by the identity provider and the token service. */
@ApplicationScoped
public class ResolvedTokensProducer {

    @Produces
    @Singleton
    ResolvedTokens resolvedTokens(SecurityConfig config) {
        return new ResolvedTokens(config.tokenCacheTtl());
    }
}
