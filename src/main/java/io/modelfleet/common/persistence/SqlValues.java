package io.modelfleet.common.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Column values for the plain-SQL paths, encoded exactly as the Hibernate mappings encode them (JsonTextConverter
 * for the TEXT JSON lists, a JSON object for JSONB maps, UTC timestamps), so rows written by either path read the
 * same through both.
 */
public final class SqlValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlValues() {
    }

    /** A TEXT JSON column's value, as JsonTextConverter writes it. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store " + value + " as JSON", e);
        }
    }

    /** A TEXT JSON column read back into {@code type}. */
    public static <T> T json(String column, TypeReference<T> type) {
        try {
            return JSON.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not match " + type.getType() + ": " + column, e);
        }
    }

    /** A JSON text (a JSONB column's) read into {@code type}. */
    public static <T> T json(String column, Class<T> type) {
        try {
            return JSON.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A JSONB string map (labels), sorted by key as the mappers keep it. */
    public static Map<String, String> stringMap(Object jsonb) {
        Map<String, String> out = new TreeMap<>();
        ((JsonObject) jsonb).forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
        return out;
    }

    /** A timestamp as the API shows it: the same instant at UTC, whatever the session's time zone. */
    public static OffsetDateTime utc(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
