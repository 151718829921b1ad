package io.modelfleet.api.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The audit log's retention. */
@ConfigMapping(prefix = "modelfleet.audit")
public interface AuditConfig {

    /** How long an audit row is kept; the purge removes rows older than this. */
    @WithDefault("90d")
    Duration retention();

    /** How often the purge runs (also its delay after start); one replica purges at a time. */
    @WithDefault("1h")
    Duration purgeInterval();
}
