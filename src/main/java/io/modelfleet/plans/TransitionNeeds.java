package io.modelfleet.plans;

import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.QuotaCodes;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Quota;
import io.modelfleet.planning.snapshot.Reservation;
import io.modelfleet.planning.snapshot.Resources;
import io.modelfleet.planning.snapshot.Running;
import io.modelfleet.planning.snapshot.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The nodes a plan's rollout needs at its peak (design 006, I10), from the plan and its snapshot only. Per pool the
 * plan changes (it puts nodes there, or planned deployments' old workloads leave it):
 * <ul>
 * <li>{@code planned}: the plan's nodes there; {@code reserved}: what deployments outside the plan hold (the
 * snapshot's reservations); {@code heldByOld}: the nodes a first-fit-decreasing packing of the old replicas of
 * planned deployments switching away (to another pool, hardware or precision, or off the cluster) needs: they keep
 * them until retired.</li>
 * <li>{@code SIDE_BY_SIDE} when {@code planned + reserved + heldByOld <= maxNodes}: the new workloads come up beside
 * the old ones. Otherwise {@code GRADUAL} (the engine then goes one replica per batch), whose peak is taken as
 * {@code max(planned, heldByOld) + reserved + 1}: at every batch the pool holds at most the larger of the two
 * sides plus one new replica's node. This is conservative: the engine retires old replicas as new ones pass their
 * gate, so the real peak is often lower; overestimating refuses a rollout that might have fit, never starts one that
 * cannot.</li>
 * <li>A quota's peak: the peak nodes (without the reserved) of every changed pool it covers times their vCPUs, plus
 * the vCPUs of every reservation it covers (also on clusters outside the plan); it fits when at most its limit.</li>
 * </ul>
 */
public final class TransitionNeeds {

    private TransitionNeeds() {
    }

    public static Transition of(CatalogSnapshot snapshot, PlanResult plan) {
        Map<String, Hardware> hardware = snapshot.hardwareByName();
        Map<String, Cluster> clusters = snapshot.clustersByName();
        Map<String, Integer> planned = new TreeMap<>();
        plan.nodes().forEach(n -> planned.merge(key(n.cluster(), n.pool()), n.count(), Integer::sum));
        Map<String, List<Resources>> old = new TreeMap<>();
        snapshot.running().stream().sorted(Comparator.comparing(Running::deployment).thenComparing(Running::cluster))
                .filter(r -> switchesAway(r, plan, snapshot)).forEach(r -> old.computeIfAbsent(
                        key(r.cluster(), r.pool()), k -> new ArrayList<>()).addAll(java.util.Collections.nCopies(
                                r.replicas(), perReplica(r, snapshot))));
        Map<String, Integer> reserved = new TreeMap<>();
        snapshot.reservations().forEach(r -> reserved.merge(key(r.cluster(), r.pool()), r.nodes(), Integer::sum));

        java.util.TreeSet<String> changed = new java.util.TreeSet<>(old.keySet());
        planned.forEach((k, n) -> {
            if (n > 0) {
                changed.add(k);
            }
        });
        List<Transition.PoolPeak> pools = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String k : changed) {
            String[] cp = k.split("\n");
            Cluster.NodePool pool = pool(clusters.get(cp[0]), cp[1]);
            if (pool == null || hardware.get(pool.hardware()) == null) {
                continue;
            }
            int held = old.containsKey(k)
                    ? NodePacking.nodes(old.get(k), hardware.get(pool.hardware()).capacity()) : 0;
            Transition.PoolPeak peak = peak(cp[0], pool, planned.getOrDefault(k, 0), reserved.getOrDefault(k, 0),
                    held);
            pools.add(peak);
            if (!peak.fits()) {
                reasons.add(reason(peak));
            }
        }
        List<Transition.QuotaPeak> quotas = new ArrayList<>();
        for (Quota q : snapshot.quotas()) {
            quotaPeak(q, pools, snapshot, hardware).ifPresent(peak -> {
                quotas.add(peak);
                if (!peak.fits()) {
                    reasons.add(reason(peak));
                }
            });
        }
        return new Transition(reasons.isEmpty(), pools, quotas, reasons);
    }

    static Transition.PoolPeak peak(String cluster, Cluster.NodePool pool, int planned, int reserved, int held) {
        int sideBySide = planned + reserved + held;
        if (held == 0 || sideBySide <= pool.maxNodes()) {
            return new Transition.PoolPeak(cluster, pool.name(), pool.maxNodes(), planned, reserved, held,
                    Transition.Strategy.SIDE_BY_SIDE, sideBySide, sideBySide <= pool.maxNodes());
        }
        int gradual = Math.max(planned, held) + reserved + 1;
        return new Transition.PoolPeak(cluster, pool.name(), pool.maxNodes(), planned, reserved, held,
                Transition.Strategy.GRADUAL, gradual, gradual <= pool.maxNodes());
    }

    private static java.util.Optional<Transition.QuotaPeak> quotaPeak(Quota q, List<Transition.PoolPeak> pools,
            CatalogSnapshot snapshot, Map<String, Hardware> hardware) {
        long plannedVcpus = 0;
        long transitionVcpus = 0;
        boolean touches = false;
        for (Transition.PoolPeak p : pools) {
            Cluster cluster = snapshot.clustersByName().get(p.cluster());
            Cluster.NodePool pool = pool(cluster, p.pool());
            if (!applies(q, cluster.region(), cluster.accountId(), pool.hardware(), pool.capacityType())) {
                continue;
            }
            touches = true;
            int vcpus = hardware.get(pool.hardware()).vcpus();
            plannedVcpus += (long) p.plannedNodes() * vcpus;
            transitionVcpus += (long) (p.peakNodes() - p.reservedNodes() - p.plannedNodes()) * vcpus;
        }
        if (!touches) {
            return java.util.Optional.empty();
        }
        long reservedVcpus = snapshot.reservations().stream().filter(r -> applies(q, r.region(), r.accountId(),
                r.hardware(), r.capacityType())).mapToLong(Reservation::vcpus).sum();
        long peak = plannedVcpus + reservedVcpus + transitionVcpus;
        return java.util.Optional.of(new Transition.QuotaPeak(q.accountId(), q.region(), q.code(), q.limitVcpus(),
                plannedVcpus, reservedVcpus, peak, peak <= q.limitVcpus()));
    }

    private static boolean applies(Quota q, String region, String accountId, String hardware,
            io.modelfleet.catalog.domain.CapacityType capacityType) {
        return q.region().equals(region) && Objects.equals(q.accountId(), accountId)
                && QuotaCodes.covers(q.code(), hardware, capacityType);
    }

    /** Whether what runs leaves its pool for the plan: another pool, hardware or precision, or none on the cluster. */
    private static boolean switchesAway(Running r, PlanResult plan, CatalogSnapshot snapshot) {
        PlanResult.Placement next = plan.placements().stream().filter(p -> p.deployment().equals(r.deployment())
                && p.cluster().equals(r.cluster())).findFirst().orElse(null);
        if (next == null || !next.pool().equals(r.pool())) {
            return true;
        }
        Variant before = variant(snapshot, r.variantId());
        return before == null || before.precision() != next.precision();
    }

    /**
     * What one old replica takes: its benchmark at its batch size on the pool's hardware (the operating point its SLO
     * would pick, as what runs records no concurrency), else the most any row of
     * its variant there takes, dimension by dimension (counting too much only makes the peak larger, never one that does not fit look as if it
     * did), else unknown (null: a whole node, see {@link NodePacking}).
     */
    private static Resources perReplica(Running r, CatalogSnapshot snapshot) {
        Variant v = variant(snapshot, r.variantId());
        Cluster.NodePool pool = pool(snapshot.clustersByName().get(r.cluster()), r.pool());
        if (v == null || pool == null) {
            return null;
        }
        List<Variant.Benchmark> there = v.benchmarks().stream().filter(b -> b.hardware().equals(pool.hardware()))
                .toList();
        double budget = snapshot.deployments().stream().filter(d -> d.name().equals(r.deployment())).findFirst()
                .map(d -> d.slo().p99LatencyMs()).orElse(Double.POSITIVE_INFINITY);
        return v.likelyOperatingPoint(pool.hardware(), r.batchSize(), budget)
                .map(Variant.Benchmark::perReplica)
                .orElseGet(() -> there.isEmpty() ? null : Resources.of(
                        there.stream().mapToInt(Variant.Benchmark::acceleratorsPerReplica).max().orElse(0),
                        there.stream().mapToDouble(Variant.Benchmark::vcpusPerReplica).max().orElse(0),
                        there.stream().mapToDouble(Variant.Benchmark::memoryGiBPerReplica).max().orElse(0)));
    }

    private static Variant variant(CatalogSnapshot snapshot, String id) {
        return snapshot.variants().stream().filter(v -> v.id().equals(id)).findFirst().orElse(null);
    }

    private static Cluster.NodePool pool(Cluster cluster, String name) {
        return cluster == null ? null
                : cluster.pools().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    private static String key(String cluster, String pool) {
        return cluster + "\n" + pool;
    }

    static String reason(Transition.PoolPeak p) {
        String parts;
        if (p.strategy() == Transition.Strategy.GRADUAL) {
            String larger = p.plannedNodes() >= p.heldByOldNodes() ? p.plannedNodes() + " planned"
                    : p.heldByOldNodes() + " held by workloads switching away";
            parts = larger + ", " + p.reservedNodes() + " held by others, 1 surge";
        } else {
            parts = p.plannedNodes() + " planned, " + p.reservedNodes() + " held by others"
                    + (p.heldByOldNodes() > 0 ? ", " + p.heldByOldNodes() + " held by workloads switching away" : "");
        }
        return "pool " + p.pool() + " of " + p.cluster() + " needs " + p.peakNodes()
                + " nodes at the peak of its rollout (" + parts + "); maxNodes is " + p.maxNodes();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String reason(Transition.QuotaPeak q) {
        return "quota " + q.code() + " of " + (q.accountId() == null ? "clusters without an account" : "account "
                + q.accountId()) + " in " + q.region() + " needs " + q.peakVcpus()
                + " vCPUs at the peak of the rollout (" + q.plannedVcpus() + " planned, " + q.reservedVcpus()
                + " held by others, " + (q.peakVcpus() - q.plannedVcpus() - q.reservedVcpus())
                + " held by workloads switching away or surge); its limit is " + number(q.limitVcpus());
    }
}
