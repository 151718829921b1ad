package io.modelfleet.rollout;

import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Cluster.NodePool;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Deployment.Demand;
import io.modelfleet.planning.snapshot.Variant;
import io.modelfleet.planning.snapshot.Variant.Benchmark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a stored plan still holds: what it relied on, compared with what is there now, one readable line per
 * change, in the order deployments, clusters, variants (each as the snapshot lists them).
 *
 * <p>A plan relies on its deployments (model, SLO, demand per cluster, version), on the node pools of its clusters
 * (hardware, capacity type, maxNodes; and the cluster's region), and on the variants of the model versions it
 * planned (version, precision, size, accuracy, every benchmark row: each operating point, its figures and source),
 * and on each deployment's consent to plan with estimates. A change or a deletion of any of these is
 * reported. Additions the plan never saw (a new variant, a new pool) are not: its placements still hold, it may
 * only no longer be the cheapest. Prices are not compared: they move constantly and a plan's cost is an estimate.
 *
 * <p>Versions: an upgrade plans a deployment at a new version in the snapshot only, and rolling that plan out
 * adopts it. So the snapshot's version is where the plan goes, and {@code baseVersions} records where the
 * deployment was when it was planned. The deployment may still be at that base, or already at the planned version
 * (the plan was rolled out before); at any other version someone rolled out or set a version since, and rolling
 * this plan out would silently replace it.
 */
final class PlanStaleness {

    private PlanStaleness() {
    }

    /**
     * Every change since the plan was made; empty when it still holds. {@code baseVersions} maps deployment →
     * version at planning time; a deployment it lacks (a plan stored before that was recorded) is taken to have
     * been at its planned version.
     */
    static List<String> changes(CatalogSnapshot planned, Map<String, String> baseVersions, CurrentInputs now) {
        List<String> out = new ArrayList<>();
        for (Deployment d : planned.deployments()) {
            deployment(out, d, baseVersions.getOrDefault(d.name(), d.version()), now.deployments().get(d.name()));
        }
        for (Cluster c : planned.clusters()) {
            cluster(out, c, now.clusters().get(c.name()));
        }
        Set<String> plannedVersions = planned.deployments().stream().map(d -> d.model() + "@" + d.version())
                .collect(Collectors.toSet());
        planned.variants().stream().filter(v -> plannedVersions.contains(v.model() + "@" + v.version()))
                .forEach(v -> variant(out, v, now.variants().get(v.id())));
        return out;
    }

    /** The 409's detail: every change, and what to do about it. */
    static String refusal(UUID planId, List<String> changes) {
        return "inputs changed since plan " + planId + " was made: " + String.join("; ", changes)
                + ". Make a new plan (POST /api/v1/plans) and roll that out";
    }

    private static void deployment(List<String> out, Deployment planned, String baseVersion, Deployment now) {
        String subject = "deployment '" + planned.name() + "'";
        if (now == null) {
            out.add(subject + " was deleted");
            return;
        }
        field(out, subject, "model", planned.model(), now.model());
        if (!now.version().equals(baseVersion) && !now.version().equals(planned.version())) {
            out.add(subject + ": version " + baseVersion + " -> " + now.version());
        }
        field(out, subject, "slo.p99LatencyMs", planned.slo().p99LatencyMs(), now.slo().p99LatencyMs());
        field(out, subject, "slo.minAccuracy", planned.slo().minAccuracy(), now.slo().minAccuracy());
        field(out, subject, "slo.minReplicas", planned.slo().minReplicas(), now.slo().minReplicas());
        field(out, subject, "slo.headroom", planned.slo().headroom(), now.slo().headroom());
        // Consent to plan with estimates is an input: taken back, a plan on ESTIMATED rows must not roll out.
        field(out, subject, "allowEstimated", planned.allowEstimated(), now.allowEstimated());
        Map<String, Demand> current = byKey(now.demand(), Demand::cluster);
        for (Demand before : planned.demand()) {
            Demand after = current.remove(before.cluster());
            if (after == null) {
                out.add(subject + ": demand on '" + before.cluster() + "' (" + before.rps() + " rps) was removed");
            } else if (before.rps() != after.rps()) {
                out.add(subject + ": demand on '" + before.cluster() + "' " + before.rps() + " -> " + after.rps()
                        + " rps");
            }
        }
        current.values().forEach(added -> out.add(subject + ": demand on '" + added.cluster() + "' ("
                + added.rps() + " rps) was added"));
    }

    private static void cluster(List<String> out, Cluster planned, Cluster now) {
        String subject = "cluster '" + planned.name() + "'";
        if (now == null) {
            out.add(subject + " was deleted");
            return;
        }
        field(out, subject, "region", planned.region(), now.region());
        Map<String, NodePool> current = byKey(now.pools(), NodePool::name);
        for (NodePool before : planned.pools()) {
            String pool = subject + " pool '" + before.name() + "'";
            NodePool after = current.get(before.name());
            if (after == null) {
                out.add(pool + " was removed");
                continue;
            }
            field(out, pool, "hardware", before.hardware(), after.hardware());
            field(out, pool, "capacityType", before.capacityType(), after.capacityType());
            field(out, pool, "maxNodes", before.maxNodes(), after.maxNodes());
        }
    }

    private static void variant(List<String> out, Variant planned, Variant now) {
        String subject = "variant " + planned.id();
        if (now == null) {
            out.add(subject + " was deleted");
            return;
        }
        field(out, subject, "version", planned.version(), now.version());
        field(out, subject, "precision", planned.precision(), now.precision());
        field(out, subject, "sizeBytes", planned.sizeBytes(), now.sizeBytes());
        field(out, subject, "accuracy", planned.accuracy(), now.accuracy());
        Map<String, Benchmark> current = byKey(now.benchmarks(), PlanStaleness::benchmarkKey);
        for (Benchmark before : planned.benchmarks()) {
            String row = subject + ": " + benchmarkKey(before);
            Benchmark after = current.remove(benchmarkKey(before));
            if (after == null) {
                out.add(row + " was removed");
                continue;
            }
            field(out, row, "p99LatencyMs", before.p99LatencyMs(), after.p99LatencyMs());
            field(out, row, "throughputRps", before.throughputRps(), after.throughputRps());
            field(out, row, "acceleratorsPerReplica", before.acceleratorsPerReplica(), after.acceleratorsPerReplica());
            field(out, row, "vcpusPerReplica", before.vcpusPerReplica(), after.vcpusPerReplica());
            field(out, row, "memoryGiBPerReplica", before.memoryGiBPerReplica(), after.memoryGiBPerReplica());
            if (before.source() != null) {
                // Plans stored before sources were recorded know none: not a change.
                field(out, row, "source", before.source(), after.source());
            }
        }
        // A row added to a planned variant counts too: the plan chose the variant's operating point among its rows
        // as they were then.
        current.keySet().forEach(added -> out.add(subject + ": " + added + " was added"));
    }

    /** A row's operating point; concurrency 1 reads as it did before there were several per batch size. */
    private static String benchmarkKey(Benchmark b) {
        return "benchmark on " + b.hardware() + " batch " + b.batchSize()
                + (b.concurrency() == 1 ? "" : " concurrency " + b.concurrency());
    }

    private static void field(List<String> out, String subject, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(subject + ": " + name + " " + shown(before) + " -> " + shown(after));
        }
    }

    private static String shown(Object value) {
        return value == null ? "none" : value.toString();
    }

    /** Keyed in list order, so lines come out in the order the lists hold. */
    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> out = new LinkedHashMap<>();
        items.forEach(item -> out.put(key.apply(item), item));
        return out;
    }
}
