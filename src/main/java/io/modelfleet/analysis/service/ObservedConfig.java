package io.modelfleet.analysis.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Observed demand and observed performance ({@code modelfleet.analysis.observed.*}, design record 003). */
@ConfigMapping(prefix = "modelfleet.analysis.observed")
public interface ObservedConfig {

    /** The quantile of the request rate a plan takes as observed demand (0.95: the p95 rate). */
    @WithDefault("0.95")
    double demandQuantile();

    /** How far back the quantile looks: observed demand is the quantile of the rates over this window. */
    @WithDefault("1h")
    Duration demandWindow();

    /** The range of each rate the quantile is taken over (a 5 minute rate smooths scrape noise). */
    @WithDefault("5m")
    Duration demandRateWindow();

    /** The subquery's resolution: one rate every this long across the demand window. */
    @WithDefault("1m")
    Duration demandStep();

    /** The window of an OBSERVED benchmark row: its p99 and requests/s per ready replica are taken over it. */
    @WithDefault("5m")
    Duration performanceWindow();

    /**
     * How long an OBSERVED row counts: older rows are deleted at each recording pass and ignored by plans, so a
     * placement that stopped running (or being observed) stops flagging or informing anything.
     */
    @WithDefault("1h")
    Duration maxAge();

    /** How often one replica records OBSERVED benchmark rows; {@code 0} or {@code off} turns recording off. */
    @WithDefault("5m")
    String recordInterval();
}
