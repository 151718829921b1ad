package io.modelfleet.api.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Stores the first admin token from {@code modelfleet.admin-token} (env {@code MODELFLEET_ADMIN_TOKEN}) at
 * startup. Changing the variable and restarting rotates it. Without it, no token exists until an operator sets
 * one, and every endpoint answers 401.
 */
@ApplicationScoped
public class AdminTokenBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminTokenBootstrap.class);
    private static final int RECOMMENDED_LENGTH = 24;

    private final TokenService tokens;
    private final Optional<String> adminToken;

    public AdminTokenBootstrap(TokenService tokens, AdminTokenConfig config) {
        this.tokens = tokens;
        this.adminToken = config.value().filter(token -> !token.isBlank());
    }

    void onStart(@Observes @jakarta.annotation.Priority(Interceptor.Priority.APPLICATION) StartupEvent event)
            throws Throwable {
        if (adminToken.isEmpty()) {
            LOG.warn("MODELFLEET_ADMIN_TOKEN is not set: no bootstrap admin token; existing tokens still work");
            return;
        }
        if (adminToken.get().length() < RECOMMENDED_LENGTH) {
            LOG.warnf("MODELFLEET_ADMIN_TOKEN is shorter than %d characters; use a long random value in production",
                    RECOMMENDED_LENGTH);
        }
        VertxContextSupport.subscribeAndAwait(() -> tokens.ensureBootstrapAdmin(adminToken.get()));
        LOG.info("Bootstrap admin token is in place");
    }
}
