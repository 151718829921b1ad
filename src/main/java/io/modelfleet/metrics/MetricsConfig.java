package io.modelfleet.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The control plane's own domain metrics on /q/metrics ({@code modelfleet.metrics.*}, docs/operations.md). */
@ConfigMapping(prefix = "modelfleet.metrics")
public interface MetricsConfig {

    /**
     * How long the fleet figures read from PostgreSQL (costs, plans and rollouts by status, price refreshes) serve
     * scrapes before the next scrape reads them again: a scrape reads the database at most once per this time, however
     * many Prometheus servers scrape. {@code 0} reads on every scrape.
     */
    @WithDefault("15s")
    Duration cacheTtl();

    /** The longest one read of the fleet figures may take; a scrape then shows the last figures read. */
    @WithDefault("5s")
    Duration readTimeout();
}
