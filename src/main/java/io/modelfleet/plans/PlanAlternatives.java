package io.modelfleet.plans;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.planning.PlanResult.Alternative;
import io.modelfleet.planning.PlanResult.PairAlternatives;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A plan's full option lists: written as one row per pair, read back from those rows or an old plan's body. */
final class PlanAlternatives {

    private static final ObjectReader OPTIONS = PlanJson.MAPPER.readerFor(new TypeReference<List<Alternative>>() { });

    private PlanAlternatives() {
    }

    /** The rows to store for a plan: its pairs in endpoint order, each pair's options in endpoint order. */
    static List<PlanAlternativesEntity> rows(UUID planId, List<PairAlternatives> pairs) {
        List<PairAlternatives> sorted = AlternativesOrder.sorted(pairs);
        List<PlanAlternativesEntity> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            PlanAlternativesEntity row = new PlanAlternativesEntity();
            row.id = UUID.randomUUID();
            row.planId = planId;
            row.position = i;
            row.deployment = sorted.get(i).deployment();
            row.cluster = sorted.get(i).cluster();
            row.options = PlanJson.write(sorted.get(i).options());
            out.add(row);
        }
        return out;
    }

    static PairAlternatives fromRow(PlanAlternativesEntity row) {
        try {
            return new PairAlternatives(row.deployment, row.cluster, OPTIONS.readValue(row.options));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alternatives of plan " + row.planId + " are not valid JSON", e);
        }
    }

    /** A plan stored with every option in its body (before V16): its pairs, filtered and in endpoint order. */
    static List<PairAlternatives> fromBody(PlanEntity plan, String deployment, String cluster) {
        List<PairAlternatives> pairs = PlanJson.result(plan).alternatives();
        if (pairs == null) {
            return List.of();
        }
        return AlternativesOrder.sorted(pairs.stream()
                .filter(p -> deployment == null || deployment.equals(p.deployment()))
                .filter(p -> cluster == null || cluster.equals(p.cluster())).toList());
    }

    /** The requested page of the pairs' options, flattened in order. */
    static Page<AlternativeItem> page(List<PairAlternatives> pairs, PageRequest request) {
        long offset = (long) request.page() * request.size();
        List<AlternativeItem> items = new ArrayList<>();
        long index = 0;
        for (PairAlternatives pair : pairs) {
            for (Alternative a : pair.options()) {
                if (index >= offset && items.size() < request.size()) {
                    items.add(AlternativeItem.of(pair.deployment(), pair.cluster(), a));
                }
                index++;
            }
        }
        return new Page<>(items, request.page(), request.size(), index);
    }

    static String noPair(UUID plan, String deployment, String cluster) {
        StringBuilder s = new StringBuilder("plan ").append(plan).append(" has no pair");
        if (deployment != null) {
            s.append(" of deployment '").append(deployment).append('\'');
        }
        if (cluster != null) {
            s.append(deployment != null ? " and" : "").append(" on cluster '").append(cluster).append('\'');
        }
        return s.toString();
    }
}
