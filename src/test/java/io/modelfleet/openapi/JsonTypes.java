package io.modelfleet.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** JSON Schema's type names for a value, and the types a schema allows (OpenAPI 3.0 and 3.1 spellings). */
final class JsonTypes {

    private JsonTypes() {
    }

    /** The most specific JSON Schema type of a value: a whole number is an "integer" (and so also a "number"). */
    static String of(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber() || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        return value.isArray() ? "array" : "object";
    }

    /** The types a schema names: 3.1's "type" string or array, plus "null" for 3.0's nullable: true. Empty: any. */
    static List<String> allowed(JsonNode schema) {
        List<String> types = new ArrayList<>();
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        if (!types.isEmpty() && schema.path("nullable").asBoolean(false)) {
            types.add("null");
        }
        return types;
    }

    static boolean matches(String actual, List<String> allowed) {
        return allowed.contains(actual) || "integer".equals(actual) && allowed.contains("number");
    }
}
