package io.modelfleet.common.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;

/**
 * Stores a list as JSON text. Hibernate Reactive decodes JSON columns as Vert.x JSON objects and cannot read a
 * top-level JSON array back, so lists live in TEXT columns written and read by this converter instead.
 */
public abstract class JsonTextConverter<T> implements AttributeConverter<T, String> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final TypeReference<T> type;

    protected JsonTextConverter(TypeReference<T> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(T attribute) {
        try {
            return MAPPER.writeValueAsString(attribute);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store " + attribute + " as JSON", e);
        }
    }

    @Override
    public T convertToEntityAttribute(String column) {
        try {
            return MAPPER.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not match " + type.getType() + ": " + column, e);
        }
    }
}
