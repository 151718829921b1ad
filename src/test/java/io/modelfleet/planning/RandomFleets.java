package io.modelfleet.planning;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Variant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

/** Small random fleets, seeded, for the property and determinism tests: few enough replicas to brute-force. */
final class RandomFleets {

    private static final List<Hardware> HARDWARE = List.of(
            new Hardware("b", false, 0, 0, 8, 16, EnumSet.of(Precision.FP32, Precision.BF16, Precision.INT8),
                    offer(0.30)),
            new Hardware("c", false, 0, 0, 4, 8, EnumSet.of(Precision.FP32, Precision.INT8), offer(0.17)),
            new Hardware("g", true, 2, 16, 4, 16, EnumSet.of(Precision.FP32, Precision.FP16, Precision.INT8),
                    offer(0.50)));

    private RandomFleets() {
    }

    private static List<Hardware.Offering> offer(double price) {
        return List.of(new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, price),
                new Hardware.Offering("us-east-1", CapacityType.SPOT, Math.round(price * 40) / 100.0));
    }

    static CatalogSnapshot fleet(Random random, int clusterCount, int deploymentCount) {
        List<Variant> variants = new ArrayList<>();
        Precision[] precisions = Precision.values();
        int variantCount = 2 + random.nextInt(2);
        for (int v = 0; v < variantCount; v++) {
            Precision precision = precisions[random.nextInt(precisions.length)];
            List<Variant.Benchmark> rows = new ArrayList<>();
            for (Hardware h : HARDWARE) {
                if (random.nextInt(3) > 0) {
                    rows.add(new Variant.Benchmark(h.name(), 1, 2 + random.nextInt(28), 100 + random.nextInt(300),
                            h.accelerated() ? 1 : 0, 1 + random.nextInt(h.accelerated() ? 2 : 4),
                            1 + random.nextInt(4)));
                }
            }
            variants.add(new Variant("v" + v, "m", "1", precision,
                    precision == Precision.FP32 ? List.of() : List.of(Compression.QUANTIZATION),
                    10_000_000, 74 + random.nextInt(4) + 0.5, rows));
        }
        List<Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < clusterCount; c++) {
            List<Cluster.NodePool> pools = new ArrayList<>();
            int poolCount = 1 + random.nextInt(3);
            for (int p = 0; p < poolCount; p++) {
                Hardware h = HARDWARE.get(random.nextInt(HARDWARE.size()));
                pools.add(new Cluster.NodePool("p" + p, h.name(),
                        random.nextInt(4) == 0 ? CapacityType.SPOT : CapacityType.ON_DEMAND, 1 + random.nextInt(4)));
            }
            clusters.add(new Cluster("k" + c, "us-east-1", pools));
        }
        List<Deployment> deployments = new ArrayList<>();
        for (int d = 0; d < deploymentCount; d++) {
            List<Deployment.Demand> demand = new ArrayList<>();
            for (Cluster cluster : clusters) {
                if (random.nextBoolean() || demand.isEmpty()) {
                    demand.add(new Deployment.Demand(cluster.name(), 50 + random.nextInt(450)));
                }
            }
            Double floor = random.nextInt(3) == 0 ? 75.0 : null;
            deployments.add(new Deployment("d" + d, "m", "1", new Deployment.Slo(8 + random.nextInt(25), floor,
                    1 + random.nextInt(2), random.nextInt(3) * 0.1), demand));
        }
        return new CatalogSnapshot(HARDWARE, variants, clusters, deployments);
    }
}
