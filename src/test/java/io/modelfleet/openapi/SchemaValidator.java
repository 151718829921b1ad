package io.modelfleet.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Validates a JSON value against a schema of an OpenAPI 3.0/3.1 document: $ref (to #/components/schemas/...), type
 * (string or array, and 3.0's nullable), enum, const, format (uuid, date-time, int32, int64), required, properties,
 * additionalProperties, items, allOf, oneOf and anyOf.
 *
 * <p>Objects are closed: a property the schema does not list is a violation unless {@code additionalProperties}
 * allows it. JSON Schema itself would accept it silently, but then a field the server sends and the document forgets
 * could never be found, and finding those is the point. A schema with no "properties" and no "type" accepts anything
 * (the document says nothing about it).
 */
public final class SchemaValidator {

    private static final String REF_PREFIX = "#/components/schemas/";

    private final JsonNode schemas;
    private final BiConsumer<String, String> seenProperty;

    /**
     * @param document the whole OpenAPI document, for its components
     * @param seenProperty told (schema name, property) for every property of a named schema a value carried
     */
    public SchemaValidator(JsonNode document, BiConsumer<String, String> seenProperty) {
        this.schemas = document.path("components").path("schemas");
        this.seenProperty = seenProperty;
    }

    public SchemaValidator(JsonNode document) {
        this(document, (schema, property) -> { });
    }

    public List<Violation> validate(JsonNode schema, JsonNode value) {
        List<Violation> out = new ArrayList<>();
        check(schema, value, "", null, false, out);
        return out;
    }

    /** @param open true inside allOf, where the parent checks undeclared properties over all its parts */
    private void check(JsonNode schema, JsonNode value, String pointer, String schemaName, boolean open,
            List<Violation> out) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = resolve(ref);
            if (target == null) {
                out.add(new Violation(pointer, "a schema at " + ref, "no such schema in the document"));
                return;
            }
            check(target, value, pointer, ref.substring(REF_PREFIX.length()), open, out);
            // 3.1 allows siblings next to $ref (e.g. a nullable type or a description): check them too.
            JsonNode siblings = schema.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) siblings).remove("$ref");
            if (siblings.has("type") || siblings.has("enum")) {
                check(siblings, value, pointer, schemaName, true, out);
            }
            return;
        }
        if (!checkType(schema, value, pointer, out)) {
            return;
        }
        checkEnum(schema, value, pointer, out);
        if (schema.has("format") && !Formats.conforms(schema.get("format").asText(), value)) {
            out.add(new Violation(pointer, "format " + schema.get("format").asText(), describe(value)));
        }
        if (value.isObject()) {
            checkObject(schema, value, pointer, schemaName, open, out);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), pointer + "/" + i, null, false, out);
            }
        }
        checkCombinations(schema, value, pointer, schemaName, open, out);
    }

    /** False when the value's type is not allowed, which makes every further check of it noise. */
    private static boolean checkType(JsonNode schema, JsonNode value, String pointer, List<Violation> out) {
        List<String> allowed = JsonTypes.allowed(schema);
        if (allowed.isEmpty() || JsonTypes.matches(JsonTypes.of(value), allowed)) {
            return true;
        }
        out.add(new Violation(pointer, "type " + String.join(" or ", allowed), value.isNull() ? "null"
                : JsonTypes.of(value) + " " + describe(value)));
        return false;
    }

    private static void checkEnum(JsonNode schema, JsonNode value, String pointer, List<Violation> out) {
        if (schema.has("const") && !schema.get("const").equals(value)) {
            out.add(new Violation(pointer, "the constant " + schema.get("const"), describe(value)));
        }
        JsonNode values = schema.get("enum");
        if (values == null || value.isNull()) {
            return;
        }
        for (JsonNode allowed : values) {
            if (allowed.equals(value)) {
                return;
            }
        }
        out.add(new Violation(pointer, "one of " + values, describe(value)));
    }

    private void checkObject(JsonNode schema, JsonNode value, String pointer, String schemaName, boolean open,
            List<Violation> out) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                out.add(new Violation(pointer + "/" + escape(required.asText()), "required property",
                        "absent"));
            }
        }
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = pointer + "/" + escape(field.getKey());
            JsonNode declared = properties == null ? null : properties.get(field.getKey());
            if (declared != null) {
                if (schemaName != null) {
                    seenProperty.accept(schemaName, field.getKey());
                }
                check(declared, field.getValue(), at, null, false, out);
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), at, null, false, out);
            } else if (!open && (additional != null ? !additional.asBoolean(true) : properties != null
                    && !schema.has("allOf"))) {
                out.add(new Violation(at, "no such property (the schema"
                        + (schemaName == null ? "" : " " + schemaName) + " does not declare it)", describe(
                                field.getValue())));
            }
        }
    }

    private void checkCombinations(JsonNode schema, JsonNode value, String pointer, String schemaName, boolean open,
            List<Violation> out) {
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, pointer, schemaName, true, out);
        }
        if (schema.has("allOf") && value.isObject() && !open) {
            java.util.Set<String> declared = new java.util.HashSet<>();
            collectDeclared(schema, declared);
            value.fieldNames().forEachRemaining(name -> {
                if (!declared.contains(name) && !declared.contains("*")) {
                    out.add(new Violation(pointer + "/" + escape(name), "no such property (no part of the allOf"
                            + (schemaName == null ? "" : " of " + schemaName) + " declares it)",
                            describe(value.get(name))));
                }
            });
        }
        if (schema.has("oneOf")) {
            int matching = countMatching(schema.get("oneOf"), value);
            if (matching != 1) {
                out.add(new Violation(pointer, "exactly one of the oneOf schemas to match", matching + " match"));
            }
        }
        if (schema.has("anyOf") && countMatching(schema.get("anyOf"), value) == 0) {
            out.add(new Violation(pointer, "at least one of the anyOf schemas to match", "none matches"));
        }
    }

    private int countMatching(JsonNode alternatives, JsonNode value) {
        int matching = 0;
        for (JsonNode alternative : alternatives) {
            List<Violation> trial = new ArrayList<>();
            check(alternative, value, "", null, false, trial);
            matching += trial.isEmpty() ? 1 : 0;
        }
        return matching;
    }

    /** Property names an allOf composition declares over all its parts; "*" when a part allows any property. */
    private void collectDeclared(JsonNode schema, java.util.Set<String> into) {
        JsonNode resolved = schema.has("$ref") ? resolve(schema.get("$ref").asText()) : schema;
        if (resolved == null) {
            return;
        }
        resolved.path("properties").fieldNames().forEachRemaining(into::add);
        JsonNode additional = resolved.get("additionalProperties");
        if (additional != null && (additional.isObject() || additional.asBoolean(false))) {
            into.add("*");
        }
        for (JsonNode part : resolved.path("allOf")) {
            collectDeclared(part, into);
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith(REF_PREFIX)) {
            return null;
        }
        JsonNode target = schemas.get(ref.substring(REF_PREFIX.length()));
        return target == null || target.isMissingNode() ? null : target;
    }

    /** RFC 6901: "~" and "/" inside a property name. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
