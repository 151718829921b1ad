package io.modelfleet.placement.domain;

import io.modelfleet.planning.Choice;
import io.modelfleet.planning.PairOutcome;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Running;
import io.modelfleet.planning.snapshot.Variant;
import java.util.Optional;

/**
 * What runs on a pair, priced today (design 006, I5). With a kept choice: its attributed cost, scaled to the
 * replicas that really run. Without one (it cannot be kept): its replicas on dedicated nodes at today's price of its
 * pool, or 0 when its variant, hardware or offering is gone.
 */
final class RunningPrices {

    private RunningPrices() {
    }

    static Choice from(PairOutcome o, Running r, CatalogSnapshot now) {
        Choice kept = o.kept();
        if (kept != null) {
            double cost = kept.replicas() == 0 ? 0 : kept.hourlyCostUsd() * r.replicas() / kept.replicas();
            return new Choice(kept.variantId(), kept.precision(), kept.hardware(), kept.pool(), kept.batchSize(),
                    r.replicas(), kept.throughputRpsPerReplica(), Proposals.money(cost));
        }
        Optional<Variant> variant = now.variants().stream().filter(v -> v.id().equals(r.variantId())).findFirst();
        Optional<Cluster> cluster = now.clusters().stream().filter(c -> c.name().equals(r.cluster())).findFirst();
        Optional<Cluster.NodePool> pool = cluster.flatMap(c -> c.pools().stream()
                .filter(p -> p.name().equals(r.pool())).findFirst());
        String hardwareName = pool.map(Cluster.NodePool::hardware).orElse("unknown");
        Optional<Hardware> hardware = now.hardware().stream().filter(h -> h.name().equals(hardwareName)).findFirst();
        // What runs records its batch size (0 when its plan is gone) but not its concurrency: the operating point its
        // SLO would pick stands for it, so the price does not depend on the order rows were written.
        double budget = now.deployments().stream().filter(d -> d.name().equals(r.deployment())).findFirst()
                .map(d -> d.slo().p99LatencyMs()).orElse(Double.POSITIVE_INFINITY);
        Optional<Variant.Benchmark> row = variant.flatMap(v -> r.batchSize() != 0
                ? v.likelyOperatingPoint(hardwareName, r.batchSize(), budget)
                : v.benchmarks().stream().filter(b -> b.hardware().equals(hardwareName)).findFirst());
        double cost = 0;
        if (hardware.isPresent() && row.isPresent() && pool.isPresent()) {
            long perNode = row.get().perReplica().perNode(hardware.get().capacity());
            Optional<Hardware.Offering> offering = hardware.get().offering(cluster.get().region(),
                    pool.get().capacityType());
            if (perNode > 0 && offering.isPresent()) {
                cost = Math.ceil((double) r.replicas() / perNode) * offering.get().hourlyPriceUsd();
            }
        }
        return new Choice(r.variantId(), variant.map(Variant::precision).orElse(null), hardwareName, r.pool(),
                row.map(Variant.Benchmark::batchSize).orElse(r.batchSize()), r.replicas(),
                row.map(Variant.Benchmark::throughputRps).orElse(0.0), Proposals.money(cost));
    }
}
