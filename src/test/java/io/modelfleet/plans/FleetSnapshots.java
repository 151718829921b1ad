package io.modelfleet.plans;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Quota;
import io.modelfleet.planning.snapshot.Variant;
import java.util.List;
import java.util.Set;

/**
 * Small snapshots for the fleet-aware tests (design 006): g4dn.xlarge nodes (1 GPU, 4 vCPUs, 16 GiB) and m5.xlarge
 * nodes (4 vCPUs, 16 GiB) in us-east-1, account 111 with a G on-demand quota.
 */
final class FleetSnapshots {

    static final String G_QUOTA = "L-DB2E81BA";
    static final Hardware T4 = new Hardware("g4dn.xlarge", true, 1, 16, 4, 16, Set.of(Precision.FP16,
            Precision.INT8), List.of(new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, 0.526)));
    static final Hardware CPU = new Hardware("m5.xlarge", false, 0, 0, 4, 16, Set.of(Precision.FP32, Precision.INT8),
            List.of(new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, 0.192)));
    /** FP16: 1 GPU, 2 vCPUs, 8 GiB on T4 at batch 8. INT8: 1 vCPU, 2 GiB on CPU at batch 1; 1 GPU on T4 at 16. */
    static final Variant FP16 = new Variant("v-fp16", "m", "1", Precision.FP16, List.of(), 1, null, List.of(
            new Variant.Benchmark("g4dn.xlarge", 8, 40, 100, 1, 2, 8)));
    static final Variant INT8 = new Variant("v-int8", "m", "1", Precision.INT8, List.of(), 1, null, List.of(
            new Variant.Benchmark("m5.xlarge", 1, 80, 20, 0, 1, 2),
            new Variant.Benchmark("g4dn.xlarge", 16, 30, 150, 1, 2, 4)));

    private FleetSnapshots() {
    }

    static Cluster cluster(String name, String account, int gpuMaxNodes) {
        return new Cluster(name, "us-east-1", List.of(
                new Cluster.NodePool("cpu", "m5.xlarge", CapacityType.ON_DEMAND, 10),
                new Cluster.NodePool("gpu", "g4dn.xlarge", CapacityType.ON_DEMAND, gpuMaxNodes)), account);
    }

    static Deployment deployment(String name, String cluster) {
        return new Deployment(name, "m", "1", new Deployment.Slo(100, null, 1, 0), List.of(
                new Deployment.Demand(cluster, 100)));
    }

    static CatalogSnapshot snapshot(List<Cluster> clusters, List<Deployment> planned, double gQuotaVcpus) {
        return new CatalogSnapshot(List.of(T4, CPU), List.of(FP16, INT8), clusters, planned,
                List.of(new Quota("111", "us-east-1", G_QUOTA, gQuotaVcpus)));
    }
}
