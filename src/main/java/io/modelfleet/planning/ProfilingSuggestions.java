package io.modelfleet.planning;

import io.modelfleet.planning.PlanResult.ProfilingSuggestion;
import io.modelfleet.planning.estimate.Estimate;
import io.modelfleet.planning.estimate.Roofline;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Resources;
import io.modelfleet.planning.snapshot.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which never-benchmarked options are worth profiling (design 007, B7): for every pair, each NO_BENCHMARK option
 * whose roofline estimate, at the cheapest batch size that meets the SLO, costs less than what the pair was given
 * (or places a pair nothing placed). The estimate uses the catalog's per-replica defaults and the option's own
 * checks (accuracy floor, artifact in accelerator memory, an offering), so a suggestion is an option that only
 * lacks a measurement. Pure, and in pair order then by estimated cost.
 */
final class ProfilingSuggestions {

    /** The batch sizes tried; a profiling run then measures the one that won and its neighbours. */
    static final List<Integer> BATCH_SIZES = List.of(1, 2, 4, 8, 16, 32, 64);
    private static final double BYTES_PER_GIB = 1024.0 * 1024 * 1024;

    private ProfilingSuggestions() {
    }

    static List<ProfilingSuggestion> of(Planner.Problem problem, List<PlanResult.Placement> placements) {
        List<ProfilingSuggestion> out = new ArrayList<>();
        for (Pair pair : problem.pairs()) {
            Double chosen = placements.stream().filter(p -> p.deployment().equals(pair.deploymentName())
                    && p.cluster().equals(pair.cluster())).map(PlanResult.Placement::hourlyCostUsd).findFirst()
                    .orElse(null);
            Cluster cluster = problem.clusters().get(pair.cluster());
            List<ProfilingSuggestion> forPair = new ArrayList<>();
            for (Option option : problem.options().getOrDefault(pair, List.of())) {
                if (option.rule() != Rule.NO_BENCHMARK || cluster == null) {
                    continue;
                }
                cheapest(pair, option, cluster, problem.hardware().get(option.hardware()))
                        .filter(s -> chosen == null || s.estimatedHourlyCostUsd() < chosen)
                        .map(s -> withChosen(s, chosen)).ifPresent(forPair::add);
            }
            forPair.sort(Comparator.comparingDouble(ProfilingSuggestion::estimatedHourlyCostUsd)
                    .thenComparing(ProfilingSuggestion::variantId).thenComparing(ProfilingSuggestion::pool));
            out.addAll(forPair);
        }
        return List.copyOf(out);
    }

    private static Optional<ProfilingSuggestion> cheapest(Pair pair, Option option, Cluster cluster, Hardware hw) {
        Variant v = option.variant();
        Deployment.Slo slo = pair.deployment().slo();
        if (hw == null || v.flopsPerInference() == null
                || (slo.minAccuracy() != null && (v.accuracy() == null || v.accuracy() < slo.minAccuracy()))) {
            return Optional.empty();
        }
        Cluster.NodePool pool = cluster.pools().stream().filter(p -> p.name().equals(option.pool())).findFirst()
                .orElse(null);
        Optional<Hardware.Offering> offering = pool == null ? Optional.empty()
                : hw.offering(cluster.region(), pool.capacityType()).filter(Hardware.Offering::available);
        if (offering.isEmpty() || !(offering.get().hourlyPriceUsd() > 0)) {
            return Optional.empty();
        }
        int accelerators = hw.accelerated() ? 1 : 0;
        if (hw.accelerated() && v.sizeBytes() > hw.acceleratorMemoryGiB() * accelerators * BYTES_PER_GIB) {
            return Optional.empty();
        }
        Resources perReplica = Resources.of(accelerators, 1.0, 1.0);
        long perNode = perReplica.perNode(hw.capacity());
        ProfilingSuggestion best = null;
        for (int batch : BATCH_SIZES) {
            Optional<Estimate> estimate = Roofline.estimate(hw, v, batch, perReplica, v.flopsPerInference());
            if (estimate.isEmpty() || estimate.get().p99LatencyMs() > slo.p99LatencyMs() || perNode == 0) {
                continue;
            }
            double needed = CandidateGenerator.neededReplicas(pair.rps(), slo, estimate.get().throughputRps());
            if (!(needed <= PlanningBounds.MAX_REPLICAS)) {
                continue;
            }
            int replicas = (int) needed;
            long nodes = (replicas + perNode - 1) / perNode;
            if (nodes > pool.maxNodes()) {
                continue;
            }
            double cost = Money.round(nodes * offering.get().hourlyPriceUsd());
            if (best == null || cost < best.estimatedHourlyCostUsd()) {
                best = new ProfilingSuggestion(pair.deploymentName(), pair.cluster(), v.id(), v.precision(),
                        hw.name(), pool.name(), batch, Money.round(estimate.get().p99LatencyMs()),
                        Money.round(estimate.get().throughputRps()), replicas, cost, null,
                        estimate.get().derivation().text());
            }
        }
        return Optional.ofNullable(best);
    }

    private static ProfilingSuggestion withChosen(ProfilingSuggestion s, Double chosen) {
        return new ProfilingSuggestion(s.deployment(), s.cluster(), s.variantId(), s.precision(), s.hardware(),
                s.pool(), s.batchSize(), s.estimatedP99LatencyMs(), s.estimatedThroughputRps(), s.estimatedReplicas(),
                s.estimatedHourlyCostUsd(), chosen, s.derivation());
    }
}
