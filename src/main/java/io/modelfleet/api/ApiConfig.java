package io.modelfleet.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits every API request is held to ({@code modelfleet.api.*}). */
@ConfigMapping(prefix = "modelfleet.api")
public interface ApiConfig {

    /**
     * The largest request body accepted, in bytes, as the {@code Content-Length} declares it; a larger one gets a
     * 413 problem document before any of it is read. Bodies without a length are capped by
     * {@code quarkus.http.limits.max-body-size} instead.
     */
    @WithDefault("1048576")
    long maxBodyBytes();

    /** The largest {@code size} (items per page) a list endpoint accepts. */
    @WithDefault("500")
    int maxPageSize();
}
