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

    /** The computed result of a stored plan. */
    public static io.modelfleet.planning.PlanResult result(PlanEntity e) {
        try {
            return MAPPER.readValue(e.result, io.modelfleet.planning.PlanResult.class);
        } catch (JsonProcessingException ex) {
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

    /** The snapshot a stored plan was computed from. */
    public static io.modelfleet.planning.snapshot.CatalogSnapshot snapshot(PlanEntity e) {
        try {
            return SNAPSHOT_READER.readValue(e.snapshot);
        } catch (JsonProcessingException ex) {
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
            out.setAll((ObjectNode) MAPPER.readTree(e.result));
            return out;
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored plan " + e.id + " is not valid JSON", ex);
        }
    }

    static ObjectNode summary(PlanEntity e) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("id", e.id.toString());
        out.put("createdAt", e.createdAt.toString());
        out.put("status", e.status.name());
        out.put("totalHourlyCostUsd", e.totalHourlyCostUsd);
        try {
            out.set("deployments", MAPPER.readTree(e.deployments));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored plan " + e.id + " is not valid JSON", ex);
        }
        return out;
    }
}
