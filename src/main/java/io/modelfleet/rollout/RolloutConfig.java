package io.modelfleet.rollout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Rollouts and the engine that drives them ({@code modelfleet.rollout.*}). The protected namespaces share the
 * prefix but are the fleet's rule ({@code io.modelfleet.fleet.service.ProtectedNamespacesConfig}).
 */
@ConfigMapping(prefix = "modelfleet.rollout")
public interface RolloutConfig {

    /**
     * Node label that tells on-demand from spot nodes: Karpenter's (values on-demand/spot); EKS managed node
     * groups' {@code eks.amazonaws.com/capacityType} (ON_DEMAND/SPOT) is recognised without setting it.
     */
    @WithDefault("karpenter.sh/capacity-type")
    String capacityTypeLabel();

    /** Namespace for serving workloads when a cluster target names none (k8s/ sets ModelFleet's own). */
    @WithDefault("default")
    String namespace();

    /**
     * How long, in seconds, a step's health gate waits for its replicas before the cluster is rolled back, when
     * the rollout request gives no {@code stepTimeoutSeconds}.
     */
    @WithDefault("600")
    int stepTimeoutSeconds();

    /** Whether this replica runs the rollout engine at all (the test profile turns it off and drives it). */
    @WithDefault("true")
    boolean engineEnabled();

    /**
     * How often the engine looks for work. Read by the scheduler through {@code ${modelfleet.rollout.tick-interval}};
     * declared here so it is typed and documented with the rest.
     */
    @WithDefault("2s")
    Duration tickInterval();

    /** How long a claimed rollout stays with one replica without being renewed. */
    @WithDefault("30s")
    Duration lease();

    /**
     * Attempts at a Kubernetes call that fails retryably before the step fails (or a rollback becomes
     * ROLLBACK_FAILED).
     */
    @WithDefault("5")
    int maxAttempts();

    /**
     * Wait before the first retry of a failed Kubernetes call; it doubles with each further attempt, up to 32
     * times this (64 times while rolling back).
     */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Identity that holds rollout leases: the pod name in Kubernetes (k8s/); unset or blank: a random id. */
    Optional<String> instanceId();

    /** Crash points for the crash-point matrix (tests only; never set in production). */
    Failpoint failpoint();

    /** How rollout targets reach their clusters (keys directly under {@code modelfleet.rollout}). */
    @WithParentName
    Targets targets();

    /** {@code modelfleet.rollout.failpoint.*}: stop the engine at a chosen point so a test can kill it there. */
    interface Failpoint {

        /** Stop the engine after this many committed transitions (counted from the start of the process). */
        Optional<Integer> haltAfterTransition();

        /** File a line is appended to when the engine halts, so the test knows when to kill the process. */
        Optional<Path> markerFile();
    }

    /** The Kubernetes clients of KUBERNETES targets. */
    interface Targets {

        /**
         * The kubeconfig whose contexts targets name (never its current context); unset: {@code $KUBECONFIG} when
         * it names one file, else {@code ~/.kube/config}.
         */
        Optional<Path> kubeconfig();

        /**
         * Connection and request timeout of every cluster client (Fabric8's own retries are off), so one
         * Kubernetes call ends well inside {@link RolloutConfig#lease()}. The in-cluster client is bounded by the
         * build-time {@code quarkus.kubernetes-client.*-timeout} keys instead.
         */
        @WithDefault("10s")
        Duration requestTimeout();
    }
}
