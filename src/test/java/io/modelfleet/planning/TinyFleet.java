package io.modelfleet.planning;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A fluent builder for the tiny fleets the rule tests plan; names and prices are chosen to hand-compute costs. */
final class TinyFleet {

    static final Set<Precision> T4 = EnumSet.of(Precision.FP32, Precision.FP16, Precision.INT8);
    static final Set<Precision> INFERENTIA = EnumSet.of(Precision.FP32, Precision.FP16, Precision.BF16);
    static final Set<Precision> CPU_VNNI = EnumSet.of(Precision.FP32, Precision.INT8);

    private final List<Hardware> hardware = new ArrayList<>();
    private final List<Variant> variants = new ArrayList<>();
    private final List<Cluster> clusters = new ArrayList<>();
    private final List<Deployment> deployments = new ArrayList<>();

    static TinyFleet fleet() {
        return new TinyFleet();
    }

    TinyFleet gpu(String name, double price, Set<Precision> precisions) {
        return hardware(new Hardware(name, true, 1, 16, 4, 16, precisions,
                List.of(new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, price))));
    }

    TinyFleet cpu(String name, double price) {
        return hardware(new Hardware(name, false, 0, 0, 4, 8, CPU_VNNI,
                List.of(new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, price))));
    }

    TinyFleet hardware(Hardware h) {
        hardware.add(h);
        return this;
    }

    /** A variant of model m 1.0 with one benchmark row per {hardware, p99, throughput, accelerators, vcpu, GiB}. */
    TinyFleet variant(String id, Precision precision, Double accuracy, long sizeBytes, Object[]... rows) {
        List<Variant.Benchmark> benchmarks = new ArrayList<>();
        for (Object[] r : rows) {
            benchmarks.add(new Variant.Benchmark((String) r[0], 1, ((Number) r[1]).doubleValue(),
                    ((Number) r[2]).doubleValue(), ((Number) r[3]).intValue(), ((Number) r[4]).doubleValue(),
                    ((Number) r[5]).doubleValue()));
        }
        List<Compression> compression = precision == Precision.FP32 ? List.of() : List.of(Compression.QUANTIZATION);
        variants.add(new Variant(id, "m", "1.0", precision, compression, sizeBytes, accuracy, benchmarks));
        return this;
    }

    /** A variant of model m 1.0 with these benchmark rows as they are (operating points, sources). */
    TinyFleet variantWithRows(String id, Precision precision, Double accuracy, long sizeBytes,
            Variant.Benchmark... rows) {
        List<Compression> compression = precision == Precision.FP32 ? List.of() : List.of(Compression.QUANTIZATION);
        variants.add(new Variant(id, "m", "1.0", precision, compression, sizeBytes, accuracy, List.of(rows)));
        return this;
    }

    /** An operating point of one GPU, 2 vCPU and 4 GiB per replica. */
    static Variant.Benchmark point(String hardware, int batchSize, int concurrency, double p99, double rps,
            BenchmarkSource source) {
        return new Variant.Benchmark(hardware, batchSize, p99, rps, 1, 2, 4, concurrency, source);
    }

    static Object[] on(String hardware, double p99, double rps, int accelerators, double vcpus, double memoryGiB) {
        return new Object[] {hardware, p99, rps, accelerators, vcpus, memoryGiB};
    }

    TinyFleet cluster(String name, String region, Cluster.NodePool... pools) {
        clusters.add(new Cluster(name, region, List.of(pools)));
        return this;
    }

    static Cluster.NodePool pool(String name, String hardware, int maxNodes) {
        return new Cluster.NodePool(name, hardware, CapacityType.ON_DEMAND, maxNodes);
    }

    static Cluster.NodePool spotPool(String name, String hardware, int maxNodes) {
        return new Cluster.NodePool(name, hardware, CapacityType.SPOT, maxNodes);
    }

    TinyFleet deployment(String name, double p99, Double minAccuracy, int minReplicas, double headroom,
            Deployment.Demand... demand) {
        deployments.add(new Deployment(name, "m", "1.0", new Deployment.Slo(p99, minAccuracy, minReplicas, headroom),
                List.of(demand)));
        return this;
    }

    TinyFleet deployment(Deployment d) {
        deployments.add(d);
        return this;
    }

    static Deployment.Demand demand(String cluster, double rps) {
        return new Deployment.Demand(cluster, rps);
    }

    CatalogSnapshot snapshot() {
        return new CatalogSnapshot(hardware, variants, clusters, deployments);
    }

    PlanResult plan() {
        return new Planner(2, 200).plan(snapshot(), Duration.ofSeconds(10));
    }
}
