package io.modelfleet.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator on crafted schemas and bodies: each broken rule gives exactly the violation expected. */
class SchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DOCUMENT = """
            {"components": {"schemas": {
              "Thing": {"type": "object", "required": ["id", "kind"], "properties": {
                "id": {"type": "string", "format": "uuid"},
                "kind": {"$ref": "#/components/schemas/Kind"},
                "count": {"type": "integer", "format": "int32"},
                "ratio": {"type": "number"},
                "at": {"type": ["string", "null"], "format": "date-time"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "parent": {"$ref": "#/components/schemas/Ghost"}}},
              "Kind": {"type": "string", "enum": ["A", "B"]},
              "Open": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": true},
              "Legacy": {"type": "object", "properties": {"n": {"type": "string", "nullable": true}}},
              "Shape": {"oneOf": [
                {"type": "object", "required": ["r"], "properties": {"r": {"type": "number"}}},
                {"type": "object", "required": ["w"], "properties": {"w": {"type": "number"}}}]},
              "Both": {"allOf": [{"$ref": "#/components/schemas/Open"},
                {"type": "object", "required": ["b"], "properties": {"b": {"type": "boolean"}}}]},
              "Closed": {"allOf": [{"$ref": "#/components/schemas/Legacy"},
                {"type": "object", "properties": {"b": {"type": "boolean"}}}]},
              "Either": {"anyOf": [{"type": "string"}, {"type": "integer"}]}
            }}}""";

    private final List<String> seen = new ArrayList<>();
    private final SchemaValidator validator = new SchemaValidator(read(DOCUMENT), (s, p) -> seen.add(s + "." + p));

    @Test
    void aConformingBodyHasNoViolationAndItsPropertiesAreRecordedAsSeen() {
        assertEquals(List.of(), violations("Thing", """
                {"id": "0b8e4f4e-8c1a-4d7e-9a55-1c2b3d4e5f60", "kind": "A", "count": 3, "ratio": 2,
                 "at": null, "tags": ["x"], "labels": {"k": "v"}}"""));
        assertEquals(List.of("Thing.id", "Thing.kind", "Thing.count", "Thing.ratio", "Thing.at", "Thing.tags",
                "Thing.labels"), seen);
    }

    @Test
    void everyBrokenRuleIsReportedAtItsPointer() {
        assertEquals(List.of(
                "/kind: expected required property, found absent",
                "/id: expected format uuid, found \"not-a-uuid\"",
                "/count: expected type integer, found number 1.5",
                "/ratio: expected type number, found string \"2\"",
                "/at: expected format date-time, found \"yesterday\"",
                "/tags/1: expected type string, found integer 7",
                "/labels/k: expected type string, found boolean true",
                "/extra: expected no such property (the schema Thing does not declare it), found 1"),
                violations("Thing", """
                        {"id": "not-a-uuid", "count": 1.5, "ratio": "2", "at": "yesterday", "tags": ["x", 7],
                         "labels": {"k": true}, "extra": 1}"""));
    }

    @Test
    void enumsNullsAndInt32RangeAreChecked() {
        assertEquals(List.of("/kind: expected one of [\"A\",\"B\"], found \"C\"",
                "/count: expected format int32, found 3000000000"),
                violations("Thing", """
                        {"id": "0b8e4f4e-8c1a-4d7e-9a55-1c2b3d4e5f60", "kind": "C", "count": 3000000000}"""));
        assertEquals(List.of("/kind: expected type string, found null"),
                violations("Thing", "{\"id\": \"0b8e4f4e-8c1a-4d7e-9a55-1c2b3d4e5f60\", \"kind\": null}"));
        assertEquals(List.of(), violations("Thing", """
                {"id": "0b8e4f4e-8c1a-4d7e-9a55-1c2b3d4e5f60", "kind": "A", "count": 2.0}"""));
        assertEquals(List.of(), violations("Legacy", "{\"n\": null}"));
        assertEquals(List.of("/n: expected type string or null, found integer 1"), violations("Legacy", "{\"n\": 1}"));
    }

    @Test
    void aDanglingReferenceIsAViolationNotASilentPass() {
        assertEquals(List.of("/parent: expected a schema at #/components/schemas/Ghost, found no such schema in the"
                + " document"), violations("Thing", """
                        {"id": "0b8e4f4e-8c1a-4d7e-9a55-1c2b3d4e5f60", "kind": "B", "parent": {}}"""));
    }

    @Test
    void additionalPropertiesTrueOpensAnObject() {
        assertEquals(List.of(), violations("Open", "{\"a\": \"x\", \"anything\": [1]}"));
        assertEquals(List.of("/a: expected type string, found integer 1"), violations("Open", "{\"a\": 1}"));
    }

    @Test
    void oneOfNeedsExactlyOneMatchAllOfNeedsAllAndAnyOfNeedsOne() {
        assertEquals(List.of(), violations("Shape", "{\"r\": 1}"));
        assertEquals(List.of(": expected exactly one of the oneOf schemas to match, found 0 match"),
                violations("Shape", "{\"q\": 1}"));
        assertEquals(List.of(), violations("Both", "{\"a\": \"x\", \"b\": true}"));
        assertEquals(List.of("/b: expected required property, found absent"), violations("Both", "{\"a\": \"x\"}"));
        assertEquals(List.of(), violations("Closed", "{\"n\": \"x\", \"b\": true}"));
        assertEquals(List.of("/c: expected no such property (no part of the allOf of Closed declares it), found 1"),
                violations("Closed", "{\"n\": \"x\", \"c\": 1}"));
        assertEquals(List.of(), violations("Either", "5"));
        assertEquals(List.of(": expected at least one of the anyOf schemas to match, found none matches"),
                violations("Either", "true"));
    }

    @Test
    void aTopLevelTypeMismatchStopsFurtherChecks() {
        assertEquals(List.of(": expected type object, found array [1]"), violations("Thing", "[1]"));
    }

    private List<String> violations(String schema, String body) {
        return validator.validate(read("{\"$ref\": \"#/components/schemas/" + schema + "\"}"), read(body)).stream()
                .map(v -> (v.pointer()) + ": expected " + v.expected() + ", found " + v.found()).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
