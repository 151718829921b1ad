package io.modelfleet.api.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The bootstrap admin token ({@code modelfleet.admin-token}, env {@code MODELFLEET_ADMIN_TOKEN}). */
@ConfigMapping(prefix = "modelfleet")
public interface AdminTokenConfig {

    /**
     * The admin API token stored (hashed) at startup; changing it and restarting rotates it. Unset or blank: no
     * bootstrap token, and only tokens already in the database work. The dev profile sets {@code dev-admin-token}.
     */
    Optional<String> adminToken();
}
