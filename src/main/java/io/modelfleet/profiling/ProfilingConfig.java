package io.modelfleet.profiling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Profiling runs: the Jobs that run ModelFleet's load generator, and the driver that follows them. */
@ConfigMapping(prefix = "modelfleet.profiling")
public interface ProfilingConfig {

    /** Whether this replica drives profiling runs at all (the test profile turns it off and drives them itself). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often the driver looks at PENDING and RUNNING runs. Read by the scheduler through
     * {@code ${modelfleet.profiling.poll-interval}}; declared here so it is typed and documented with the rest.
     */
    @WithDefault("10s")
    Duration pollInterval();

    /**
     * Namespace of profiling Jobs on every cluster; unset: the cluster target's namespace, else
     * {@code modelfleet.rollout.namespace}.
     */
    Optional<String> namespace();

    /** The load generator's image (k8s/loadgen/Dockerfile builds it), tagged with the release as k8s/ tags ours. */
    @WithDefault("ghcr.io/modelfleet/loadgen:0.1.0")
    String loadgenImage();

    /** How long Kubernetes keeps a finished Job (and its pod log) before removing it: ttlSecondsAfterFinished. */
    @WithDefault("1h")
    Duration jobTtl();

    /** How long one replica's claim on a run lasts; another replica may drive the run after it. */
    @WithDefault("60s")
    Duration lease();

    /** Identity that claims runs: the pod name in Kubernetes; unset or blank: a random id. */
    Optional<String> instanceId();
}
