package io.modelfleet.planning.bench;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.dto.HardwareProfileSpec;
import io.modelfleet.catalog.importer.ProfilesDirectory;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Variant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded synthetic fleets built on the real hardware of profiles/ (specs, native precisions, us-east-1
 * prices; spot offered at 35% of on-demand). Each deployment has its own model with an FP32, FP16, BF16 and INT8
 * variant, each benchmarked on the hardware that runs its precision natively, so a deployment sees about four
 * variants on up to eight hardware profiles. Throughput and latency follow each hardware's class with noise;
 * per-replica sizes come from a few realistic shapes so pools mix deployments.
 */
public final class SyntheticFleet {

    private static final double SPOT_FACTOR = 0.35;
    private static final int PAIRS_PER_CLUSTER = 20;
    private static final int CLUSTERS_PER_DEPLOYMENT = 5;

    private final List<Hardware> hardware;

    public SyntheticFleet(Path profiles) {
        List<Hardware> list = new ArrayList<>();
        for (HardwareProfileSpec spec : ProfilesDirectory.read(profiles).hardwareProfiles()) {
            List<Hardware.Offering> offerings = new ArrayList<>();
            for (HardwareProfileSpec.Offering o : spec.offerings()) {
                offerings.add(new Hardware.Offering(o.region(), o.capacityType(), o.hourlyPriceUsd()));
                offerings.add(new Hardware.Offering(o.region(), CapacityType.SPOT,
                        Math.round(o.hourlyPriceUsd() * SPOT_FACTOR * 10_000) / 10_000.0));
            }
            boolean accelerated = spec.accelerator().accelerated();
            list.add(new Hardware(spec.name(), accelerated, accelerated ? spec.acceleratorCount() : 0,
                    accelerated ? spec.acceleratorMemoryGiB() : 0, spec.vcpus(), spec.memoryGiB(),
                    EnumSet.copyOf(spec.precisions()), offerings));
        }
        this.hardware = List.copyOf(list);
    }

    public int hardwareCount() {
        return hardware.size();
    }

    /** A fleet with about {@code pairs} (deployment, cluster) pairs. */
    public CatalogSnapshot generate(long seed, int pairs) {
        Random random = new Random(seed);
        int clusterCount = Math.max(1, Math.min(500, pairs / PAIRS_PER_CLUSTER));
        int perDeployment = Math.min(CLUSTERS_PER_DEPLOYMENT, clusterCount);
        int deploymentCount = Math.max(1, pairs / perDeployment);
        List<Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < clusterCount; c++) {
            clusters.add(cluster(random, "cluster-" + c));
        }
        List<Variant> variants = new ArrayList<>();
        List<Deployment> deployments = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < clusterCount; c++) {
            order.add(c);
        }
        for (int d = 0; d < deploymentCount; d++) {
            String model = "model-" + d;
            variants.addAll(variantsOf(random, model));
            Collections.shuffle(order, random);
            List<Deployment.Demand> demand = new ArrayList<>();
            for (int i = 0; i < perDeployment; i++) {
                demand.add(new Deployment.Demand("cluster-" + order.get(i), 50 + random.nextInt(2950)));
            }
            Double floor = random.nextInt(3) == 0 ? 75.0 : null;
            deployments.add(new Deployment("deployment-" + d, model, "1.0.0",
                    new Deployment.Slo(10 + random.nextInt(90), floor, 1 + random.nextInt(2),
                            random.nextInt(3) * 0.1), demand));
        }
        return new CatalogSnapshot(hardware, variants, clusters, deployments);
    }

    private Cluster cluster(Random random, String name) {
        List<Hardware> shuffled = new ArrayList<>(hardware);
        Collections.shuffle(shuffled, random);
        List<Cluster.NodePool> pools = new ArrayList<>();
        for (int i = 0; i < 8 && i < shuffled.size(); i++) {
            CapacityType type = random.nextInt(4) == 0 ? CapacityType.SPOT : CapacityType.ON_DEMAND;
            pools.add(new Cluster.NodePool("pool-" + i, shuffled.get(i).name(), type, 20 + random.nextInt(180)));
        }
        return new Cluster(name, "us-east-1", pools);
    }

    private List<Variant> variantsOf(Random random, String model) {
        List<Variant> out = new ArrayList<>();
        Map<Precision, Double> speedup = Map.of(Precision.FP32, 1.0, Precision.FP16, 2.2, Precision.BF16, 2.0,
                Precision.INT8, 3.2);
        Map<Precision, Double> accuracyLoss = Map.of(Precision.FP32, 0.0, Precision.FP16, 0.05, Precision.BF16, 0.1,
                Precision.INT8, 0.5);
        double baseAccuracy = 74.5 + random.nextDouble() * 2;
        double baseLatency = 4 + random.nextDouble() * 20;
        for (Precision precision : Precision.values()) {
            List<Variant.Benchmark> rows = new ArrayList<>();
            for (Hardware h : hardware) {
                if (!h.precisions().contains(precision)) {
                    continue;
                }
                double classFactor = h.accelerated() ? 8 + random.nextDouble() * 8 : 0.6 + random.nextDouble() * 0.6;
                double throughput = Math.round(60 * classFactor * speedup.get(precision) * 10) / 10.0;
                double latency = Math.round(baseLatency * 4 / (classFactor * speedup.get(precision)) * 100
                        + 100) / 100.0;
                int accelerators = h.accelerated() ? (h.acceleratorCount() >= 4 && h.name().startsWith("inf") ? 4 : 1)
                        : 0;
                double vcpus = h.accelerated() ? 2 : (h.vcpus() >= 16 ? 4 : 2);
                double memory = h.accelerated() ? 4 : 2;
                rows.add(new Variant.Benchmark(h.name(), 8, latency, throughput, accelerators, vcpus, memory));
            }
            List<Compression> compression = precision == Precision.FP32 ? List.of() : List.of(Compression.QUANTIZATION);
            out.add(new Variant(model + "-" + precision.name().toLowerCase(), model, "1.0.0", precision, compression,
                    precision == Precision.FP32 ? 100_000_000 : precision == Precision.INT8 ? 25_000_000 : 50_000_000,
                    Math.round((baseAccuracy - accuracyLoss.get(precision)) * 100) / 100.0, rows));
        }
        return out;
    }
}
