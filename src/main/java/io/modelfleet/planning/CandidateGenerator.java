package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Cluster.NodePool;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a snapshot into pairs and, for each pair, every option considered: a feasible {@link Candidate} or a
 * rejection by the first rule of the planning contract it breaks. Plain Java and linear in
 * variants x pools x benchmarks, so the solver only ever sees what survives.
 */
public final class CandidateGenerator {

    private static final double BYTES_PER_GIB = 1024.0 * 1024 * 1024;
    /** Keeps 2.0000000001 replicas from rounding up to 3 after a floating-point division. */
    private static final double EPSILON = 1e-9;

    private CandidateGenerator() {
    }

    /** All pairs of the snapshot, deployments by name and their clusters by name. */
    public static List<Pair> pairs(CatalogSnapshot snapshot) {
        List<Pair> pairs = new ArrayList<>();
        snapshot.deployments().stream().sorted(Comparator.comparing(Deployment::name)).forEach(d ->
                d.demand().stream().sorted(Comparator.comparing(Deployment.Demand::cluster))
                        .forEach(demand -> pairs.add(new Pair(d, demand.cluster(), demand.rps()))));
        return pairs;
    }

    /** Every option for one pair; an empty list means the pair has nothing to consider (see reasons). */
    public static List<Option> options(Pair pair, CatalogSnapshot snapshot, Map<String, Hardware> hardware,
            Map<String, Cluster> clusters, Map<String, List<Variant>> variantsByModelVersion) {
        Cluster cluster = clusters.get(pair.cluster());
        List<Variant> variants = variantsByModelVersion.getOrDefault(key(pair.deployment()), List.of());
        if (cluster == null || variants.isEmpty() || cluster.pools().isEmpty()) {
            return List.of();
        }
        List<Option> options = new ArrayList<>();
        for (Variant v : variants) {
            for (NodePool pool : cluster.pools()) {
                options.addAll(optionsOn(pair, v, pool, hardware.get(pool.hardware()), cluster));
            }
        }
        return options;
    }

    /** Why a pair has no options at all, or empty when it has some. */
    public static Optional<String> nothingToConsider(Pair pair, Map<String, Cluster> clusters,
            Map<String, List<Variant>> variantsByModelVersion) {
        Cluster cluster = clusters.get(pair.cluster());
        if (cluster == null) {
            return Optional.of(Rule.UNKNOWN_CLUSTER + ": cluster '" + pair.cluster() + "' is not in the catalog");
        }
        if (variantsByModelVersion.getOrDefault(key(pair.deployment()), List.of()).isEmpty()) {
            return Optional.of(Rule.NO_VARIANTS + ": model '" + pair.deployment().model() + "' version "
                    + pair.deployment().version() + " has no variants");
        }
        if (cluster.pools().isEmpty()) {
            return Optional.of(Rule.NO_POOLS + ": cluster '" + cluster.name() + "' has no node pools");
        }
        return Optional.empty();
    }

    public static Map<String, List<Variant>> variantsByModelVersion(CatalogSnapshot snapshot) {
        return snapshot.variants().stream().sorted(Comparator.comparing(Variant::id))
                .collect(Collectors.groupingBy(v -> v.model() + "@" + v.version()));
    }

    private static String key(Deployment d) {
        return d.model() + "@" + d.version();
    }

    private static List<Option> optionsOn(Pair pair, Variant v, NodePool pool, Hardware hw, Cluster cluster) {
        Deployment.Slo slo = pair.deployment().slo();
        if (!hw.precisions().contains(v.precision())) {
            return List.of(Option.rejected(v, pool.hardware(), pool.name(), Rule.PRECISION_NOT_NATIVE, hw.name()
                    + " runs " + hw.precisions().stream().sorted().map(Enum::name).collect(Collectors.joining(", "))
                    + ", not " + v.precision()));
        }
        // Every operating point is an option of its own (design 007, B3), in (batch size, concurrency) order so that
        // options, and which of two that pack alike dominance keeps, do not depend on the order rows were written.
        List<Variant.Benchmark> rows = v.benchmarks().stream().filter(b -> b.hardware().equals(hw.name()))
                .sorted(Comparator.comparingInt(Variant.Benchmark::batchSize)
                        .thenComparingInt(Variant.Benchmark::concurrency)).toList();
        if (rows.isEmpty()) {
            return List.of(Option.rejected(v, pool.hardware(), pool.name(), Rule.NO_BENCHMARK,
                    "variant was not benchmarked on " + hw.name()));
        }
        List<Option> out = new ArrayList<>();
        for (Variant.Benchmark b : rows) {
            out.add(option(pair, v, b, pool, hw, cluster, slo));
        }
        return out;
    }

    private static Option option(Pair pair, Variant v, Variant.Benchmark b, NodePool pool, Hardware hw,
            Cluster cluster, Deployment.Slo slo) {
        if (b.p99LatencyMs() > slo.p99LatencyMs()) {
            return reject(v, pool, b, null, Rule.LATENCY, "p99 " + num(b.p99LatencyMs()) + " ms > SLO "
                    + num(slo.p99LatencyMs()) + " ms");
        }
        if (slo.minAccuracy() != null && (v.accuracy() == null || v.accuracy() < slo.minAccuracy())) {
            return reject(v, pool, b, null, Rule.ACCURACY, v.accuracy() == null
                    ? "accuracy unknown, SLO requires at least " + num(slo.minAccuracy())
                    : "accuracy " + num(v.accuracy()) + " < SLO " + num(slo.minAccuracy()));
        }
        Optional<String> beyond = beyondBounds(b, hw);
        if (beyond.isPresent()) {
            return reject(v, pool, b, null, Rule.PLANNING_BOUND, beyond.get());
        }
        if (!b.perReplica().fitsIn(hw.capacity())) {
            return reject(v, pool, b, null, Rule.REPLICA_DOES_NOT_FIT, "one replica needs "
                    + b.acceleratorsPerReplica() + " accelerators, " + num(b.vcpusPerReplica()) + " vCPU, "
                    + num(b.memoryGiBPerReplica()) + " GiB; a " + hw.name() + " node has " + hw.acceleratorCount()
                    + ", " + hw.vcpus() + ", " + num(hw.memoryGiB()));
        }
        if (hw.accelerated()) {
            double available = hw.acceleratorMemoryGiB() * b.acceleratorsPerReplica() * BYTES_PER_GIB;
            if (v.sizeBytes() > available) {
                return reject(v, pool, b, null, Rule.ARTIFACT_TOO_LARGE, "artifact " + v.sizeBytes()
                        + " bytes > " + num(hw.acceleratorMemoryGiB() * b.acceleratorsPerReplica())
                        + " GiB of accelerator memory per replica");
            }
        }
        Optional<Hardware.Offering> offering = hw.offering(cluster.region(), pool.capacityType());
        if (offering.isEmpty()) {
            return reject(v, pool, b, null, Rule.NO_OFFERING, hw.name() + " has no " + pool.capacityType()
                    + " offering in " + cluster.region());
        }
        if (!offering.get().available()) {
            return reject(v, pool, b, null, Rule.NO_OFFERING, hw.name() + " is not offered in "
                    + cluster.region() + " (EC2 instance type offerings)");
        }
        double price = offering.get().hourlyPriceUsd();
        if (!(price > 0 && price <= PlanningBounds.MAX_HOURLY_PRICE_USD)) {
            return reject(v, pool, b, null, Rule.PLANNING_BOUND, "hourly price " + num(price) + " USD of "
                    + hw.name() + " in " + cluster.region() + " is outside (0, "
                    + num(PlanningBounds.MAX_HOURLY_PRICE_USD) + "]");
        }
        double needed = neededReplicas(pair.rps(), slo, b.throughputRps());
        if (!(needed <= PlanningBounds.MAX_REPLICAS)) {
            return reject(v, pool, b, null, Rule.PLANNING_BOUND, "demand " + num(pair.rps()) + " rps needs "
                    + num(needed) + " replicas at " + num(b.throughputRps()) + " rps each; the planner places at most "
                    + PlanningBounds.MAX_REPLICAS + " per deployment and cluster");
        }
        int replicas = replicas(pair.rps(), slo, b.throughputRps());
        Candidate c = new Candidate(pair, v, b, pool, hw, cluster.region(), Math.round(price * 1_000_000), replicas);
        int maxNodes = Math.min(pool.maxNodes(), PlanningBounds.MAX_NODES_PER_POOL);
        if (c.standaloneNodes() > maxNodes) {
            return reject(v, pool, b, replicas, Rule.MAX_NODES, replicas + " replicas need "
                    + c.standaloneNodes() + " nodes; pool " + pool.name() + " allows " + maxNodes
                    + (pool.maxNodes() > maxNodes ? " (the planner's bound; the pool says " + pool.maxNodes() + ")"
                            : ""));
        }
        if (b.estimated() && !pair.deployment().allowEstimated()) {
            // Checked last, so the rejection says the estimate would otherwise be a candidate, and at what figures.
            return reject(v, pool, b, replicas, Rule.ESTIMATED_NOT_ALLOWED, "the row is an estimate (p99 "
                    + num(b.p99LatencyMs()) + " ms, " + num(b.throughputRps()) + " rps per replica, " + replicas
                    + " replicas); deployment '" + pair.deploymentName() + "' plans with measured rows only: set"
                    + " allowEstimated: true on it to plan with estimates, or measure the row");
        }
        return Option.feasible(c);
    }

    /** r = max(minReplicas, ceil(demand x (1 + headroom) / throughput per replica)). */
    public static int replicas(double rps, Deployment.Slo slo, double throughputRps) {
        return (int) neededReplicas(rps, slo, throughputRps);
    }

    /** The same, as a double, so a count beyond an int (or NaN from a broken row) can be seen before it is cast. */
    static double neededReplicas(double rps, Deployment.Slo slo, double throughputRps) {
        double needed = Math.ceil(rps * (1 + slo.headroom()) / throughputRps - EPSILON);
        return Double.isNaN(needed) ? Double.NaN : Math.max(slo.minReplicas(), Math.max(0, needed));
    }

    /**
     * Why a benchmark row or node is beyond {@link PlanningBounds}, whatever the catalog holds: a node larger than
     * the planner's arithmetic is sized for, a replica that rounds to no resources at all (it would fit any number
     * of times), or a throughput that is not a positive finite number.
     */
    static Optional<String> beyondBounds(Variant.Benchmark b, Hardware hw) {
        if (hw.vcpus() > PlanningBounds.MAX_VCPUS_PER_NODE || !(hw.memoryGiB() <= PlanningBounds.MAX_MEMORY_GIB_PER_NODE)
                || hw.acceleratorCount() > PlanningBounds.MAX_ACCELERATORS_PER_NODE) {
            return Optional.of(hw.name() + " (" + hw.vcpus() + " vCPU, " + num(hw.memoryGiB()) + " GiB, "
                    + hw.acceleratorCount() + " accelerators) is larger than the planner's node bound of "
                    + PlanningBounds.MAX_VCPUS_PER_NODE + " vCPU, " + num(PlanningBounds.MAX_MEMORY_GIB_PER_NODE)
                    + " GiB, " + PlanningBounds.MAX_ACCELERATORS_PER_NODE + " accelerators");
        }
        if (!(b.vcpusPerReplica() >= PlanningBounds.MIN_VCPUS_PER_REPLICA)
                || !(b.memoryGiBPerReplica() >= PlanningBounds.MIN_MEMORY_GIB_PER_REPLICA)) {
            return Optional.of("one replica needs " + num(b.vcpusPerReplica()) + " vCPU and "
                    + num(b.memoryGiBPerReplica()) + " GiB; the planner needs at least "
                    + num(PlanningBounds.MIN_VCPUS_PER_REPLICA) + " of each");
        }
        if (!(b.throughputRps() > 0 && b.throughputRps() <= PlanningBounds.MAX_RPS)) {
            return Optional.of("throughput " + num(b.throughputRps()) + " rps per replica is outside (0, "
                    + num(PlanningBounds.MAX_RPS) + "]");
        }
        return Optional.empty();
    }

    private static Option reject(Variant v, NodePool pool, Variant.Benchmark row, Integer replicas, Rule rule,
            String detail) {
        return Option.rejected(v, pool.hardware(), pool.name(), row, replicas, rule, detail);
    }

    static String num(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
