package io.modelfleet.profiling.service;

import io.modelfleet.profiling.ProfilingConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Polls profiling runs on a schedule when this replica drives them ({@code modelfleet.profiling.enabled}). */
@ApplicationScoped
public class ProfilingPoller {

    private static final Logger LOG = Logger.getLogger(ProfilingPoller.class);

    private final ProfilingDriver driver;
    private final boolean enabled;

    public ProfilingPoller(ProfilingDriver driver, ProfilingConfig config) {
        this.driver = driver;
        this.enabled = config.enabled();
    }

    @Scheduled(every = "${modelfleet.profiling.poll-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!enabled) {
            return;
        }
        try {
            driver.pollOnce();
        } catch (RuntimeException e) {
            // The database restarting, say: nothing was committed; the next poll tries again.
            LOG.warnf("instance=%s profiling poll failed; the next poll retries: %s", driver.owner(), e.toString());
        }
    }
}
