package io.modelfleet.dashboard.service;

import io.modelfleet.dashboard.dto.Frontier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cost per million inferences of every benchmark row, and which rows form each model's accuracy-cost frontier.
 *
 * <p>cost = share x price / (throughputRps x 3600) x 10^6, where price is the hourly price of the hardware's
 * cheapest available offering (any region, any capacity type) and share = max(acceleratorsPerReplica /
 * acceleratorCount, vcpusPerReplica / vcpus, memoryGiBPerReplica / memoryGiB): the part of a node one replica
 * takes, so a replica that leaves room for three more pays a quarter of the node. Rounded to six decimals.
 * This is a per-replica view: it ignores packing leftovers and the SLO, which only a plan accounts for.
 */
public final class FrontierCalculator {

    private static final double SECONDS_PER_HOUR = 3600;
    private static final double MILLION = 1_000_000;

    private FrontierCalculator() {
    }

    public static Frontier of(List<FrontierRow> rows, Map<String, NodeCapacity> hardware) {
        Map<String, List<FrontierRow>> byModel = new LinkedHashMap<>();
        for (FrontierRow row : rows) {
            byModel.computeIfAbsent(row.model(), m -> new ArrayList<>()).add(row);
        }
        List<Frontier.ModelFrontier> models = new ArrayList<>();
        byModel.forEach((model, modelRows) -> {
            List<Frontier.Point> priced = modelRows.stream().map(r -> point(r, hardware.get(r.hardware()))).toList();
            models.add(new Frontier.ModelFrontier(model, modelRows.get(0).accuracyMetric(), markFrontier(priced)));
        });
        return new Frontier(List.copyOf(models));
    }

    static Frontier.Point point(FrontierRow row, NodeCapacity node) {
        double share = share(row.perReplica(), node);
        Frontier.Offering cheapest = node.availableOfferings().stream()
                .min(Comparator.comparingDouble(Frontier.Offering::hourlyPriceUsd)
                        .thenComparing(Frontier.Offering::region).thenComparing(o -> o.capacityType().name()))
                .orElse(null);
        String note = null;
        Double cost = null;
        if (share > 1) {
            note = "one replica does not fit on one " + row.hardware() + " node";
        } else if (cheapest == null) {
            note = row.hardware() + " has no available offering";
        } else {
            cost = round6(share * cheapest.hourlyPriceUsd() / (row.throughputRps() * SECONDS_PER_HOUR) * MILLION);
        }
        return new Frontier.Point(row.variantId(), row.version(), row.precision(), row.compression(), row.accuracy(),
                row.hardware(), row.batchSize(), row.p99LatencyMs(), row.throughputRps(), row.source(),
                Double.isInfinite(share) ? null : round6(share), cheapest, cost, false, note, row.concurrency());
    }

    /** Infinity when the replica needs accelerators the hardware does not have: it never fits. */
    static double share(FrontierRow.PerReplica need, NodeCapacity node) {
        double share = Math.max(need.vcpus() / node.vcpus(), need.memoryGiB() / node.memoryGiB());
        if (need.accelerators() > 0) {
            share = node.acceleratorCount() == 0 ? Double.POSITIVE_INFINITY
                    : Math.max(share, (double) need.accelerators() / node.acceleratorCount());
        }
        return share;
    }

    /** A priced point with an accuracy is on the frontier when no other is at least as accurate and cheaper. */
    private static List<Frontier.Point> markFrontier(List<Frontier.Point> points) {
        List<Frontier.Point> out = new ArrayList<>(points.size());
        for (Frontier.Point p : points) {
            boolean on = p.costPerMillionUsd() != null && p.accuracy() != null && points.stream()
                    .filter(q -> q != p && q.costPerMillionUsd() != null && q.accuracy() != null)
                    .noneMatch(q -> q.accuracy() >= p.accuracy() && q.costPerMillionUsd() <= p.costPerMillionUsd()
                            && (q.accuracy() > p.accuracy() || q.costPerMillionUsd() < p.costPerMillionUsd()));
            out.add(on ? new Frontier.Point(p.variantId(), p.version(), p.precision(), p.compression(), p.accuracy(),
                    p.hardware(), p.batchSize(), p.p99LatencyMs(), p.throughputRps(), p.source(), p.replicaShare(),
                    p.offering(), p.costPerMillionUsd(), true, p.note(), p.concurrency()) : p);
        }
        return List.copyOf(out);
    }

    private static double round6(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }
}
