package io.modelfleet.placement.domain;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.planning.Choice;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a change is proposed, in words, from what differs between the snapshot of the plan that put what runs there
 * ({@code then}) and today's: a price that moved, a variant or benchmark row registered since, a demand or SLO that
 * changed. With no plan to compare against, nothing is claimed that cannot be shown.
 */
final class Reasons {

    /** A price move smaller than this is not worth naming. */
    static final double NOTABLE = 0.01;

    private Reasons() {
    }

    static List<String> of(String deployment, ClusterChange change, CatalogSnapshot now, CatalogSnapshot then) {
        List<String> out = new ArrayList<>();
        if (then == null || change.to() == null) {
            return out;
        }
        Optional<Cluster> cluster = now.clusters().stream().filter(c -> c.name().equals(change.cluster())).findFirst();
        if (cluster.isEmpty()) {
            return out;
        }
        price(change.to(), cluster.get(), now, then).ifPresent(out::add);
        if (change.from() != null && !change.from().pool().equals(change.to().pool())) {
            price(change.from(), cluster.get(), now, then).ifPresent(out::add);
        }
        newVariantOrRow(deployment, change, now, then).ifPresent(out::add);
        demandOrSlo(deployment, change.cluster(), now, then).forEach(out::add);
        return out;
    }

    /** "spot price of g4dn.xlarge in us-east-1 fell 41% since the running plan (0.526 to 0.31 $/h)". */
    private static Optional<String> price(Choice choice, Cluster cluster, CatalogSnapshot now, CatalogSnapshot then) {
        Optional<Cluster.NodePool> pool = cluster.pools().stream().filter(p -> p.name().equals(choice.pool()))
                .findFirst();
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        Optional<Double> before = price(then, choice.hardware(), cluster.region(), pool.get().capacityType());
        Optional<Double> after = price(now, choice.hardware(), cluster.region(), pool.get().capacityType());
        if (before.isEmpty() || after.isEmpty() || before.get() <= 0) {
            return Optional.empty();
        }
        double change = (after.get() - before.get()) / before.get();
        if (Math.abs(change) < NOTABLE) {
            return Optional.empty();
        }
        String kind = pool.get().capacityType() == CapacityType.SPOT ? "spot" : "on-demand";
        return Optional.of(kind + " price of " + choice.hardware() + " in " + cluster.region() + " "
                + (change < 0 ? "fell " : "rose ") + Math.round(Math.abs(change) * 100) + "% since the running plan ("
                + num(before.get()) + " to " + num(after.get()) + " $/h)");
    }

    private static Optional<Double> price(CatalogSnapshot s, String hardware, String region, CapacityType type) {
        return s.hardware().stream().filter(h -> h.name().equals(hardware)).findFirst()
                .flatMap(h -> h.offering(region, type)).map(Hardware.Offering::hourlyPriceUsd);
    }

    /**
     * "INT8 variant 1.1.0 of resnet50 registered: 2.3x throughput on inf2.xlarge" (per replica, against what runs),
     * or "benchmark of ... added" when the variant was known and the row is new.
     */
    private static Optional<String> newVariantOrRow(String deployment, ClusterChange change, CatalogSnapshot now,
            CatalogSnapshot then) {
        Choice to = change.to();
        Optional<Variant> variant = now.variants().stream().filter(v -> v.id().equals(to.variantId())).findFirst();
        if (variant.isEmpty()) {
            return Optional.empty();
        }
        Optional<Variant> before = then.variants().stream().filter(v -> v.id().equals(to.variantId())).findFirst();
        String ratio = change.from() == null || change.from().throughputRpsPerReplica() <= 0 ? ""
                : ": " + num(Math.round(to.throughputRpsPerReplica() / change.from().throughputRpsPerReplica() * 10)
                        / 10.0) + "x throughput on " + to.hardware();
        if (before.isEmpty()) {
            return Optional.of(to.precision() + " variant " + variant.get().version() + " of " + variant.get().model()
                    + " registered" + (ratio.isEmpty() ? " (runs on " + to.hardware() + ")" : ratio));
        }
        boolean rowThen = before.get().benchmarks().stream().anyMatch(b -> b.hardware().equals(to.hardware())
                && b.batchSize() == to.batchSize());
        if (!rowThen) {
            return Optional.of("benchmark of " + to.precision() + " variant " + variant.get().version() + " on "
                    + to.hardware() + " (batch " + to.batchSize() + ") added" + (ratio.isEmpty() ? "" : ratio));
        }
        return Optional.empty();
    }

    private static List<String> demandOrSlo(String deployment, String cluster, CatalogSnapshot now,
            CatalogSnapshot then) {
        List<String> out = new ArrayList<>();
        Optional<Deployment> a = then.deployments().stream().filter(d -> d.name().equals(deployment)).findFirst();
        Optional<Deployment> b = now.deployments().stream().filter(d -> d.name().equals(deployment)).findFirst();
        if (a.isEmpty() || b.isEmpty()) {
            return out;
        }
        Optional<Double> rpsThen = rps(a.get(), cluster);
        Optional<Double> rpsNow = rps(b.get(), cluster);
        if (rpsThen.isPresent() && rpsNow.isPresent() && Math.abs(rpsNow.get() - rpsThen.get())
                > NOTABLE * Math.max(rpsThen.get(), 1)) {
            out.add("demand on " + cluster + " changed from " + num(rpsThen.get()) + " to " + num(rpsNow.get())
                    + " rps since the running plan");
        }
        if (!a.get().slo().equals(b.get().slo())) {
            out.add("the SLO changed since the running plan (p99 " + num(a.get().slo().p99LatencyMs()) + " to "
                    + num(b.get().slo().p99LatencyMs()) + " ms, accuracy floor " + a.get().slo().minAccuracy() + " to "
                    + b.get().slo().minAccuracy() + ")");
        }
        return out;
    }

    private static Optional<Double> rps(Deployment d, String cluster) {
        return d.demand().stream().filter(x -> x.cluster().equals(cluster)).map(Deployment.Demand::rps).findFirst();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", Math.round(v * 10_000) / 10_000.0);
    }
}
