package io.modelfleet.plans;

import io.modelfleet.catalog.entity.BenchmarkEntity;
import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Variant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "SLO at risk" (design record 003): a placement with an OBSERVED row of its own (same variant, hardware, batch
 * size, deployment and cluster) no older than {@code modelfleet.analysis.observed.max-age} is flagged when the observed p99 exceeds the deployment's {@code slo.p99LatencyMs}, or the observed requests/s per
 * replica is more than 20% below the throughput of the row it was planned with. Both numbers are shown.
 */
record SloAtRisk(List<String> reasons, double observedP99Ms, double sloP99Ms, double observedRpsPerReplica,
        double plannedRpsPerReplica, Window window) {

    /** Observed throughput may fall this far below the planned row before the placement is at risk. */
    static final double THROUGHPUT_SHORTFALL = 0.20;

    /** The window the OBSERVED row covers: its end and length. */
    record Window(OffsetDateTime end, int seconds) {
    }

    /** An OBSERVED row as the check needs it. */
    record Observed(double p99LatencyMs, double rpsPerReplica, OffsetDateTime observedAt, int windowSeconds) {
    }

    /** The OBSERVED rows of the variants whose window ended at {@code since} or later, by {@link #key}. */
    static Map<String, Observed> observedRows(List<VariantEntity> variants, OffsetDateTime since) {
        Map<String, Observed> out = new HashMap<>();
        for (VariantEntity v : variants) {
            for (BenchmarkEntity b : v.benchmarks) {
                if (b.observed() && !b.observedAt.isBefore(since)) {
                    out.put(key(v.id.toString(), b.hardware.name, b.batchSize, b.observedDeployment,
                            b.observedCluster), new Observed(b.p99LatencyMs,
                            b.throughputRps, b.observedAt.withOffsetSameInstant(ZoneOffset.UTC), b.windowSeconds));
                }
            }
        }
        return out;
    }

    /** The share of the SLO's p99 from which a replica counts as saturated, so its rate is its capacity. */
    static final double SATURATED = 0.9;

    static String key(String variantId, String hardware, int batchSize, String deployment, String cluster) {
        return variantId + "|" + hardware + "|" + batchSize + "|" + deployment + "|" + cluster;
    }

    /** The flag of one placement, empty when it is not at risk or nothing was observed of it. */
    static Optional<SloAtRisk> of(PlanResult.Placement p, CatalogSnapshot snapshot, Map<String, Observed> observed) {
        return of(p.variantId(), p.hardware(), p.batchSize(), p.concurrency(), p.deployment(), p.cluster(), snapshot,
                observed);
    }

    /**
     * The flag of what runs on a pair: the same check, on the running variant, hardware and batch size. What runs
     * records no concurrency, so it is held against the operating point of that batch size its SLO would pick.
     */
    static Optional<SloAtRisk> of(String variantId, String hardware, int batchSize, String deployment, String cluster,
            CatalogSnapshot snapshot, Map<String, Observed> observed) {
        return of(variantId, hardware, batchSize, null, deployment, cluster, snapshot, observed);
    }

    /** {@code concurrency} null: the likely operating point at the batch size. */
    private static Optional<SloAtRisk> of(String variantId, String hardware, int batchSize, Integer concurrency,
            String deployment, String cluster, CatalogSnapshot snapshot, Map<String, Observed> observed) {
        Observed seen = observed.get(key(variantId, hardware, batchSize, deployment, cluster));
        Deployment d = snapshot.deployments().stream().filter(x -> x.name().equals(deployment)).findFirst()
                .orElse(null);
        Optional<Variant> variant = snapshot.variants().stream().filter(v -> v.id().equals(variantId)).findFirst();
        if (seen == null || d == null || variant.isEmpty()) {
            return Optional.empty();
        }
        Variant.Benchmark planned = (concurrency != null
                ? variant.get().benchmark(hardware, batchSize, concurrency)
                : variant.get().likelyOperatingPoint(hardware, batchSize, d.slo().p99LatencyMs())).orElse(null);
        if (planned == null) {
            return Optional.empty();
        }
        double slo = d.slo().p99LatencyMs();
        List<String> reasons = new ArrayList<>();
        if (seen.p99LatencyMs() > slo) {
            reasons.add("observed p99 " + seen.p99LatencyMs() + " ms exceeds the SLO's " + slo + " ms");
        }
        // Requests per replica are the load it was given, not what it can do: only a replica at its latency limit
        // (p99 at 90% of the SLO or more) that serves less than planned shows the row was too optimistic.
        if (seen.p99LatencyMs() >= slo * SATURATED
                && seen.rpsPerReplica() < planned.throughputRps() * (1 - THROUGHPUT_SHORTFALL)) {
            reasons.add("observed " + seen.rpsPerReplica() + " requests/s per replica is more than 20% below the"
                    + " planned row's " + planned.throughputRps());
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(new SloAtRisk(reasons, seen.p99LatencyMs(), slo,
                seen.rpsPerReplica(), planned.throughputRps(), new Window(seen.observedAt(), seen.windowSeconds())));
    }
}
