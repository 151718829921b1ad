package io.modelfleet.api.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Token lifecycle and failed-authentication throttling ({@code modelfleet.security.*}). */
@ConfigMapping(prefix = "modelfleet.security")
public interface SecurityConfig {

    /** Throttling of addresses that keep presenting bad credentials. */
    FailedAuth failedAuth();

    /** Secret rotation of an existing token. */
    Rotation rotation();

    /**
     * How long a replica trusts a token row it read, before reading it again. Revoking or rotating on the same
     * replica takes effect at once; on other replicas within this time. Expiry is exact either way. 0 turns the
     * cache off.
     */
    @WithDefault("5s")
    Duration tokenCacheTtl();

    interface FailedAuth {

        /** Failed authentications from one address, within {@link #window()}, that block it. */
        @WithDefault("20")
        int maxFailures();

        /** The span, starting at an address's first counted failure, within which failures add up. */
        @WithDefault("1m")
        Duration window();

        /** How long a blocked address gets 429 for every request that presents credentials. */
        @WithDefault("5m")
        Duration block();

        /**
         * The most addresses tracked at once; bounds the limiter's memory. When full, finished entries go first,
         * then partial counts; blocked addresses are kept until their block ends.
         */
        @WithDefault("10000")
        int maxTrackedAddresses();
    }

    interface Rotation {

        /** How long the old secret keeps working after a rotation that names no {@code overlapSeconds}. */
        @WithDefault("1h")
        Duration defaultOverlap();

        /** The longest overlap a rotation may ask for. */
        @WithDefault("7d")
        Duration maxOverlap();
    }
}
