package io.modelfleet.api.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Optional;

/**
 * The bootstrap admin token ({@code modelfleet.admin-token}, env {@code MODELFLEET_ADMIN_TOKEN}). Its prefix is
 * the key itself: a mapping rooted at {@code modelfleet} would make SmallRye refuse every {@code modelfleet.*}
 * key no mapping declares, including the embedded-PostgreSQL keys its config source factory reads.
 */
@ConfigMapping(prefix = "modelfleet.admin-token")
public interface AdminTokenConfig {

    /**
     * The admin API token stored (hashed) at startup; changing it and restarting rotates it. Unset or blank: no
     * bootstrap token, and only tokens already in the database work. The dev profile sets {@code dev-admin-token}.
     */
    @WithParentName
    Optional<String> value();
}
