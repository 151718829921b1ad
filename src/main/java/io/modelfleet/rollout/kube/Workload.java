package io.modelfleet.rollout.kube;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to render one placement as Kubernetes objects: which deployment and variant, on which
 * hardware and capacity type, how many replicas of what size, and where the artifact is. Built from a stored
 * plan and the catalog; rendering it is pure.
 */
public record Workload(String deployment, String cluster, String namespace, String model, String modelVersion,
        String variantId, Precision precision, String hardware, CapacityType capacityType, String image,
        String artifactUri, String artifactSha256, int batchSize, int replicas, int acceleratorsPerReplica,
        String resourceName, double vcpusPerReplica, double memoryGiBPerReplica, Map<String, String> nodeLabels,
        List<Taint> taints) {

    public Workload {
        nodeLabels = Map.copyOf(nodeLabels);
        taints = List.copyOf(taints);
    }

    /** The same workload scaled to another replica count, as cross-hardware upgrades do step by step. */
    public Workload withReplicas(int count) {
        return new Workload(deployment, cluster, namespace, model, modelVersion, variantId, precision, hardware,
                capacityType, image, artifactUri, artifactSha256, batchSize, count, acceleratorsPerReplica,
                resourceName, vcpusPerReplica, memoryGiBPerReplica, nodeLabels, taints);
    }
}
