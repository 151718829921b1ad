package io.modelfleet.planning.snapshot;

/**
 * What a cluster runs now for a deployment being planned: the variant on a pool at a batch size. The planner keeps
 * it unless moving saves more than the snapshot's switch cost (design 006, I2). {@code atRiskReason} (null when
 * none) says why the running option must not be kept: observed metrics put its SLO at risk; it is then rejected
 * like any infeasible option and moving away costs nothing extra (I4).
 */
public record Running(String deployment, String cluster, String variantId, String pool, int batchSize, int replicas,
        String atRiskReason) {

    public Running(String deployment, String cluster, String variantId, String pool, int batchSize, int replicas) {
        this(deployment, cluster, variantId, pool, batchSize, replicas, null);
    }

    public boolean atRisk() {
        return atRiskReason != null;
    }
}
