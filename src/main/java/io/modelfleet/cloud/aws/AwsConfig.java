package io.modelfleet.cloud.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** AWS sync and the SDK clients ({@code modelfleet.aws.*}); credentials come from the default chain (IRSA). */
@ConfigMapping(prefix = "modelfleet.aws")
public interface AwsConfig {

    /**
     * Whether prices and availability are refreshed from AWS on a schedule; off, the static prices from
     * profiles/ are used. {@code POST /api/v1/pricing/refresh} works either way.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * How often the scheduled refresh runs when enabled. Read by the scheduler through
     * {@code ${modelfleet.aws.refresh-interval}}; declared here so it is typed and documented with the rest.
     */
    @WithDefault("6h")
    Duration refreshInterval();

    /** Send every AWS call to this endpoint instead (a local emulator, or the stub servers of tests). */
    Optional<URI> endpointOverride();

    /** Region of the S3 buckets holding variant artifacts ({@code POST .../variants/{id}/verify}). */
    @WithDefault("us-east-1")
    String artifactRegion();
}
