package io.modelfleet.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Status, content type, schema presence and event streams, on a crafted document of three operations. */
class ResponseConformanceTest {

    private static final String DOCUMENT = """
            {"paths": {
              "/api/v1/things/{id}": {
                "get": {"responses": {
                  "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                  "4XX": {"content": {"application/problem+json": {"schema": {"type": "object"}}}}}},
                "put": {"responses": {"200": {"content": {"application/json": {}}}}},
                "delete": {"responses": {"204": {"description": "Deleted"}}}},
              "/api/v1/things/{id}/events": {
                "get": {"responses": {"200": {"content": {"text/event-stream": {"schema": {"type": "array",
                  "items": {"$ref": "#/components/schemas/Thing"}}}}}}}}},
             "components": {"schemas": {
               "Thing": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}}""";

    private final ResponseConformance conformance;

    ResponseConformanceTest() throws Exception {
        conformance = new ResponseConformance(new OpenApiDocument(new ObjectMapper().readTree(DOCUMENT)),
                (schema, property) -> { });
    }

    @Test
    void aDocumentedAnswerConforms() {
        assertEquals(List.of(), check("GET /api/v1/things/{id}", 200, "application/json;charset=UTF-8",
                "{\"id\": \"a\"}"));
        assertEquals(List.of(), check("GET /api/v1/things/{id}", 404, "application/problem+json", "{}"));
        assertEquals(List.of(), check("DELETE /api/v1/things/{id}", 204, null, ""));
    }

    @Test
    void anUndocumentedStatusOrContentTypeOrMissingSchemaIsAViolation() {
        assertEquals(List.of("/: expected status 500 documented (documented: [200, 4XX]), found undocumented status"),
                check("GET /api/v1/things/{id}", 500, "application/json", "{}"));
        assertEquals(List.of("/: expected content type one of [application/json], found 'text/plain'"),
                check("GET /api/v1/things/{id}", 200, "text/plain", "id"));
        assertEquals(List.of("/: expected a schema for application/json, found none documented"),
                check("PUT /api/v1/things/{id}", 200, "application/json", "{\"id\": \"a\"}"));
        assertEquals(List.of("/: expected no body for 204, found a body of 2 characters"),
                check("DELETE /api/v1/things/{id}", 204, "application/json", "{}"));
        assertEquals(List.of("/id: expected required property, found absent"),
                check("GET /api/v1/things/{id}", 200, "application/json", "{}"));
    }

    @Test
    void eachEventOfAStreamIsCheckedAgainstTheItemSchema() {
        assertEquals(List.of(), check("GET /api/v1/things/{id}/events", 200, "text/event-stream",
                "data: {\"id\": \"a\"}\n\ndata:{\"id\": \"b\"}\n\n"));
        assertEquals(List.of("(event 1)/id: expected type string, found integer 2"),
                check("GET /api/v1/things/{id}/events", 200, "text/event-stream",
                        "data: {\"id\": \"a\"}\n\ndata: {\"id\": 2}\n\n"));
        assertEquals(List.of("/: expected at least one event, found an event stream without data"),
                check("GET /api/v1/things/{id}/events", 200, "text/event-stream", ": keep-alive\n\n"));
    }

    private List<String> check(String operation, int status, String contentType, String body) {
        return conformance.check(new Exchange(operation, "test", status, status, contentType, body)).stream()
                .map(Violation::toString).toList();
    }
}
