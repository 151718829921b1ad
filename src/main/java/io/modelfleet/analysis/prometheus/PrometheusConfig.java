package io.modelfleet.analysis.prometheus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Metric analysis against the clusters' Prometheus ({@code modelfleet.analysis.*}). */
@ConfigMapping(prefix = "modelfleet.analysis")
public interface PrometheusConfig {

    /**
     * Connection and response timeout of one Prometheus query. A measurement's queries run in parallel, so this
     * also bounds one measurement; keep it well inside the rollout lease.
     */
    @WithDefault("10s")
    Duration queryTimeout();
}
