package io.modelfleet.rollout;

import io.modelfleet.api.ProblemException;
import io.modelfleet.catalog.entity.BenchmarkEntity;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.entity.NodePoolEntity;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.rollout.kube.Workload;
import java.util.Map;

/**
 * Joins a plan's placement with the catalog as it is when the rollout starts: the variant's image and artifact,
 * the benchmark's per-replica resources, the hardware's device resource, labels and taints, the pool's capacity
 * type and the cluster's namespace.
 */
final class WorkloadResolver {

    private WorkloadResolver() {
    }

    static Workload resolve(PlanResult.Placement p, Map<String, VariantEntity> variants,
            Map<String, ClusterEntity> clusters, Map<String, HardwareProfileEntity> hardware, String defaultNamespace) {
        VariantEntity v = variants.get(p.variantId());
        ClusterEntity c = clusters.get(p.cluster());
        HardwareProfileEntity h = hardware.get(p.hardware());
        if (v == null || c == null || h == null) {
            throw ProblemException.conflict("the catalog changed since the plan was made: "
                    + (v == null ? "variant " + p.variantId() : c == null ? "cluster " + p.cluster()
                            : "hardware " + p.hardware()) + " no longer exists; make a new plan");
        }
        NodePoolEntity pool = c.nodePools.stream().filter(np -> np.name.equals(p.pool())).findFirst()
                .orElseThrow(() -> ProblemException.conflict("node pool " + p.cluster() + "/" + p.pool()
                        + " no longer exists; make a new plan"));
        BenchmarkEntity b = v.benchmarks.stream().filter(x -> !x.observed() && x.hardware.name.equals(p.hardware())
                && x.batchSize == p.batchSize() && x.concurrency == p.concurrency()).findFirst()
                .orElseThrow(() -> ProblemException.conflict("variant " + p.variantId() + " no longer has its "
                        + p.hardware() + " batch " + p.batchSize() + (p.concurrency() == 1 ? ""
                                : " concurrency " + p.concurrency()) + " benchmark; make a new plan"));
        String namespace = c.target.namespace() != null ? c.target.namespace() : defaultNamespace;
        return new Workload(p.deployment(), p.cluster(), namespace, v.model.name, v.version, v.id.toString(),
                v.precision, h.name, pool.capacityType, v.image, v.artifactUri, v.artifactSha256, p.batchSize(),
                p.replicas(), b.acceleratorsPerReplica, h.resourceName, b.vcpusPerReplica, b.memoryGiBPerReplica,
                h.nodeLabels, h.taints);
    }
}
