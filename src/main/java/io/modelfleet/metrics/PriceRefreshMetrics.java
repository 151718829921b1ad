package io.modelfleet.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Price refreshes this replica ran that failed: {@code modelfleet_price_refresh_failures_total}, per region (a
 * region whose AWS calls failed; its offerings keep their last price, marked stale), or {@code region="all"} when the
 * whole refresh failed before any region was stored. How old the prices are is a fleet gauge
 * ({@code modelfleet_price_refresh_age_seconds}, {@link FleetCollector}).
 */
// Created at start, so its zero series are there before the first event (rate() needs a starting point).
@io.quarkus.runtime.Startup
@ApplicationScoped
public class PriceRefreshMetrics {

    static final String ALL_REGIONS = "all";
    static final String OTHER_REGIONS = "other";
    /** AWS has about 35 regions; an operator's ?region= can name any region-shaped text, so labels stay bounded. */
    static final int MAX_REGIONS = 64;

    private final java.util.Set<String> regions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final MeterRegistry registry;

    public PriceRefreshMetrics(MeterRegistry registry) {
        this.registry = registry;
        counter(ALL_REGIONS);
    }

    /**
     * A refresh of these regions begins: each gets its zero series now, so that a failure in a later refresh is an
     * increase from 0 that increase() sees, not a series that first appears at 1.
     */
    public void refreshing(java.util.Collection<String> regionsInScope) {
        regionsInScope.forEach(r -> counter(label(r)));
    }

    /** One region's refresh failed. */
    public void regionFailed(String region) {
        counter(label(region)).increment();
    }

    private String label(String region) {
        boolean known = regions.contains(region) || regions.size() < MAX_REGIONS && regions.add(region);
        return known ? region : OTHER_REGIONS;
    }

    /** The whole refresh failed (reading the catalog or storing the prices, say). */
    public void refreshFailed(Throwable cause) {
        counter(ALL_REGIONS).increment();
    }

    private Counter counter(String region) {
        return Counter.builder("modelfleet.price.refresh.failures")
                .description("Price refreshes that failed, per region (all: the whole refresh)")
                .tag("region", region).register(registry);
    }
}
