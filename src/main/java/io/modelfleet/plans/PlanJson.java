package io.modelfleet.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form plans are stored and served in. Absent values are omitted (a chosen option has no rule), and a
 * stored plan is served from its stored text, so what a client reads is byte-for-byte what was computed.
 */
public final class PlanJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .findAndAddModules()
            .build();

    private PlanJson() {
    }

    /** Reads results leniently: the stored JSON adds demand records, per-cluster analysis and sloAtRisk. */
    private static final com.fasterxml.jackson.databind.ObjectReader RESULT_READER = MAPPER
            .readerFor(io.modelfleet.planning.PlanResult.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The computed result of a stored plan, in the current form whatever form it was stored in. */
    public static io.modelfleet.planning.PlanResult result(PlanEntity e) {
        try {
            return RESULT_READER.readValue(StoredPlanForms.result((ObjectNode) MAPPER.readTree(e.result)));
        } catch (java.io.IOException | ClassCastException ex) {
            throw new IllegalStateException("stored plan " + e.id + " is not a valid plan", ex);
        }
    }

    /**
     * Reads stored snapshots leniently: the JSON also holds derived properties (a variant's {@code uncompressedFp32})
     * that are no constructor arguments, and snapshots stored before a list was added (quotas) lack it.
     */
    private static final com.fasterxml.jackson.databind.ObjectReader SNAPSHOT_READER = snapshotMapper()
            .readerFor(io.modelfleet.planning.snapshot.CatalogSnapshot.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static ObjectMapper snapshotMapper() {
        ObjectMapper mapper = MAPPER.copy();
        mapper.configOverride(java.util.List.class).setSetterInfo(
                com.fasterxml.jackson.annotation.JsonSetter.Value.forValueNulls(
                        com.fasterxml.jackson.annotation.Nulls.AS_EMPTY));
        return mapper;
    }

    /** The snapshot a stored plan was computed from, in the current form whatever form it was stored in. */
    public static io.modelfleet.planning.snapshot.CatalogSnapshot snapshot(PlanEntity e) {
        try {
            return SNAPSHOT_READER.readValue(StoredPlanForms.snapshot((ObjectNode) MAPPER.readTree(e.snapshot)));
        } catch (java.io.IOException | ClassCastException ex) {
            throw new IllegalStateException("stored plan " + e.id + " has an unreadable snapshot", ex);
        }
    }

    /**
     * Each planned deployment's version when the plan was made; empty for plans stored before that was recorded,
     * whose snapshot versions are then the only record.
     */
    public static java.util.Map<String, String> baseVersions(PlanEntity e) {
        if (e.baseVersions == null) {
            return java.util.Map.of();
        }
        try {
            return MAPPER.readValue(e.baseVersions,
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() { });
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored plan " + e.id + " has unreadable base versions", ex);
        }
    }

    /**
     * The stored result: the planner's result with {@code alternatives} summarized per pair (the full lists are
     * stored apart, {@link PlanAlternatives}), each placement with its {@code sloAtRisk} when {@code atRisk} (by
     * placement index, null for none) has one, {@code demand}: what every demand row used, and {@code analysis}:
     * per cluster, whether its rollout steps will be analyzed.
     */
    static String writeResult(io.modelfleet.planning.PlanResult result, java.util.List<DemandRecord> demand,
            java.util.List<SloAtRisk> atRisk, java.util.List<ClusterAnalysis> analysis) {
        return write(resultTree(result, demand, atRisk, analysis));
    }

    /**
     * The stored result with design 006's sections: {@code reservations}, what deployments outside the plan hold,
     * and {@code transition}, what the plan's rollout needs at its peak and whether that fits.
     */
    static String writeResult(io.modelfleet.planning.PlanResult result, java.util.List<DemandRecord> demand,
            java.util.List<SloAtRisk> atRisk, java.util.List<ClusterAnalysis> analysis,
            java.util.List<Transition.Reserved> reservations, Transition transition) {
        ObjectNode out = resultTree(result, demand, atRisk, analysis);
        out.set("reservations", MAPPER.valueToTree(reservations));
        out.set("transition", MAPPER.valueToTree(transition));
        return write(out);
    }

    /**
     * A stored plan's transition; empty for plans stored before transitions were computed, which a rollout treats
     * as fitting (they were rolled out without the check before, and their snapshot has no reservations to judge by).
     */
    public static java.util.Optional<Transition> transition(PlanEntity e) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = MAPPER.readTree(e.result).get("transition");
            return node == null || node.isNull() ? java.util.Optional.empty()
                    : java.util.Optional.of(MAPPER.treeToValue(node, Transition.class));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored plan " + e.id + " is not valid JSON", ex);
        }
    }

    private static ObjectNode resultTree(io.modelfleet.planning.PlanResult result, java.util.List<DemandRecord> demand,
            java.util.List<SloAtRisk> atRisk, java.util.List<ClusterAnalysis> analysis) {
        ObjectNode out = MAPPER.valueToTree(result);
        com.fasterxml.jackson.databind.JsonNode placements = out.path("placements");
        for (int i = 0; i < atRisk.size(); i++) {
            if (atRisk.get(i) != null) {
                ((ObjectNode) placements.get(i)).set("sloAtRisk", MAPPER.valueToTree(atRisk.get(i)));
            }
        }
        out.set("alternatives", MAPPER.valueToTree(AlternativesSummary.of(result.alternatives())));
        out.set("demand", MAPPER.valueToTree(demand));
        out.set("analysis", MAPPER.valueToTree(analysis));
        return out;
    }

    /**
     * The snapshot with each demand row's declared rps instead of the rps the plan used: what to compare with the
     * deployment as it is now to tell whether its declared inputs changed (observed demand moves constantly, like
     * prices, and is not compared). Plans stored before demand was recorded used declared demand throughout.
     */
    public static io.modelfleet.planning.snapshot.CatalogSnapshot declaredSnapshot(PlanEntity e) {
        io.modelfleet.planning.snapshot.CatalogSnapshot snapshot = snapshot(e);
        try {
            java.util.Map<String, Double> declared = new java.util.HashMap<>();
            for (com.fasterxml.jackson.databind.JsonNode r : MAPPER.readTree(e.result).path("demand")) {
                declared.put(r.path("deployment").asText() + "\n" + r.path("cluster").asText(),
                        r.path("declaredRps").asDouble());
            }
            return PlanDemand.withDemand(snapshot, declared);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored plan " + e.id + " is not valid JSON", ex);
        }
    }

    /** Progress keeps its null figures (none before the first unit is solved): clients read every field. */
    private static final ObjectMapper WITH_NULLS = JsonMapper.builder().findAndAddModules().build();

    static String progress(io.modelfleet.planning.PlanProgress progress) {
        try {
            return WITH_NULLS.writeValueAsString(progress);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise progress", e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** The plan as the API returns it: id and request fields first, then the computed result. */
    static ObjectNode view(PlanEntity e) {
        try {
            ObjectNode out = MAPPER.createObjectNode();
            out.put("id", e.id.toString());
            out.put("createdAt", e.createdAt.toString());
            if (e.createdBy != null) {
                out.put("createdBy", e.createdBy);
            }
            out.set("deployments", MAPPER.readTree(e.deployments));
            out.put("timeLimitSeconds", e.timeLimitSeconds);
            out.setAll(StoredPlanForms.result((ObjectNode) MAPPER.readTree(e.result)));
            if (!e.status.finished()) {
                // A job's row: nothing computed yet (RUNNING) or ever (FAILED); its status and progress say why.
                out.put("status", e.status.name());
                if (e.progress != null) {
                    out.set("progress", MAPPER.readTree(e.progress));
                }
                if (e.failure != null) {
                    out.put("failure", e.failure);
                }
            }
            if (e.cancelled) {
                out.put("cancelled", true);
            }
            com.fasterxml.jackson.databind.JsonNode alternatives = out.path("alternatives");
            if (alternatives.isArray() && AlternativesSummary.isFullList(alternatives)) {
                // A plan stored before V16 kept every option in its body: it is served summarized like the others.
                out.set("alternatives", MAPPER.valueToTree(AlternativesSummary.ofStored(alternatives)));
            }
            return out;
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored plan " + e.id + " is not valid JSON", ex);
        }
    }
}
