package io.modelfleet.plans;

import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Variant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Maps the catalog's entities onto the planner's immutable snapshot, everything in name order. The per-entity
 * mappings are public so that what a plan read can be compared with the same mapping of what is there now.
 */
public final class SnapshotBuilder {

    private SnapshotBuilder() {
    }

    static CatalogSnapshot build(List<HardwareProfileEntity> hardware, List<VariantEntity> variants,
            List<ClusterEntity> clusters, List<ModelDeploymentEntity> deployments,
            List<io.modelfleet.fleet.quota.ServiceQuotaEntity> quotas, java.util.Map<String, String> versions) {
        return new CatalogSnapshot(
                hardware.stream().sorted(Comparator.comparing(h -> h.name)).map(SnapshotBuilder::hardware).toList(),
                variants.stream().sorted(Comparator.comparing(v -> v.id.toString())).map(SnapshotBuilder::variant)
                        .toList(),
                clusters.stream().sorted(Comparator.comparing(c -> c.name)).map(SnapshotBuilder::cluster).toList(),
                deployments.stream().sorted(Comparator.comparing(d -> d.name))
                        .map(d -> deployment(d, versions.getOrDefault(d.name, d.version))).toList(),
                quotas.stream().sorted(Comparator.comparing((io.modelfleet.fleet.quota.ServiceQuotaEntity q) ->
                        q.accountId + "/" + q.region + "/" + q.quotaCode))
                        .map(q -> new io.modelfleet.planning.snapshot.Quota(q.accountId.isEmpty() ? null : q.accountId,
                                q.region, q.quotaCode, q.limitVcpus)).toList());
    }

    public static Hardware hardware(HardwareProfileEntity e) {
        return new Hardware(e.name, e.accelerator.accelerated(), e.acceleratorCount, e.acceleratorMemoryGiB, e.vcpus,
                e.memoryGiB, e.precisions.isEmpty() ? java.util.Set.of() : EnumSet.copyOf(e.precisions),
                e.offerings.stream().map(o -> new Hardware.Offering(o.region, o.capacityType, o.hourlyPriceUsd,
                        o.available, o.stale, o.stale ? "price from " + o.priceSource + " at " + o.priceUpdatedAt
                                + (o.refreshError == null ? "" : "; last refresh failed: " + o.refreshError) : null))
                        .toList(), e.peakTeraOps, e.memoryBandwidthGBps);
    }

    /**
     * Every declared row is an operating point with its concurrency and source (design 007, B3, B4). OBSERVED rows
     * are evidence about what runs, not operating points to plan with: they are left out.
     */
    public static Variant variant(VariantEntity e) {
        return new Variant(e.id.toString(), e.model.name, e.version, e.precision, e.compression, e.sizeBytes,
                e.accuracy, e.benchmarks.stream().filter(b -> !b.observed())
                        .map(b -> new Variant.Benchmark(b.hardware.name, b.batchSize, b.p99LatencyMs,
                                b.throughputRps, b.acceleratorsPerReplica, b.vcpusPerReplica, b.memoryGiBPerReplica,
                                b.concurrency, b.source))
                        .toList());
    }

    public static Cluster cluster(ClusterEntity e) {
        return new Cluster(e.name, e.region, e.nodePools.stream().map(p -> new Cluster.NodePool(p.name,
                p.hardware.name, p.capacityType, p.maxNodes)).toList(), e.accountId);
    }

    public static Deployment deployment(ModelDeploymentEntity e, String version) {
        return new Deployment(e.name, e.model.name, version, new Deployment.Slo(e.p99LatencyMs, e.minAccuracy,
                e.minReplicas, e.headroom), e.demand.stream().map(d -> new Deployment.Demand(d.cluster.name, d.rps))
                        .toList(), e.allowEstimated);
    }
}
