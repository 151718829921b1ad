package io.modelfleet.plans;

import io.modelfleet.planning.snapshot.CatalogSnapshot;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a plan's rollout needs at its peak (design 006, I10), per pool it changes and per quota covering those
 * pools, and whether that fits; {@code reasons} says in words what does not. Computed by {@link TransitionNeeds}.
 */
@Schema(name = "PlanTransition", description = "The nodes and vCPUs the plan's rollout needs at its peak")
public record Transition(boolean fits, List<PoolPeak> pools, List<QuotaPeak> quotas, List<String> reasons) {

    public Transition {
        pools = List.copyOf(pools);
        quotas = List.copyOf(quotas);
        reasons = List.copyOf(reasons);
    }

    /** How the pool's switch is rolled out: new beside old, or one replica per batch. */
    public enum Strategy {
        SIDE_BY_SIDE, GRADUAL
    }

    /**
     * One pool at the peak: {@code plannedNodes} the plan puts there, {@code reservedNodes} deployments outside
     * the plan hold, {@code heldByOldNodes} the planned deployments' old workloads keep there until retired.
     */
    @Schema(name = "PlanTransitionPool")
    public record PoolPeak(String cluster, String pool, int maxNodes, int plannedNodes, int reservedNodes,
            int heldByOldNodes, Strategy strategy, int peakNodes, boolean fits) {
    }

    /** One quota at the peak: the vCPUs of every node it covers, the plan's, the reserved and the transition's. */
    @Schema(name = "PlanTransitionQuota")
    public record QuotaPeak(String accountId, String region, String code, double limitVcpus, long plannedVcpus,
            long reservedVcpus, long peakVcpus, boolean fits) {
    }

    /** The nodes deployments outside the plan hold on one pool ({@code maxNodes} absent: a cluster outside it). */
    @Schema(name = "PlanReservation")
    public record Reserved(String cluster, String pool, String hardware, int reservedNodes, Integer maxNodes,
            long reservedVcpus, List<String> deployments) {

        static List<Reserved> of(CatalogSnapshot snapshot) {
            return snapshot.reservations().stream().map(r -> new Reserved(r.cluster(), r.pool(), r.hardware(),
                    r.nodes(), snapshot.clusters().stream().filter(c -> c.name().equals(r.cluster()))
                            .flatMap(c -> c.pools().stream()).filter(p -> p.name().equals(r.pool()))
                            .map(p -> p.maxNodes()).findFirst().orElse(null), r.vcpus(), r.deployments()))
                    .toList();
        }
    }
}
