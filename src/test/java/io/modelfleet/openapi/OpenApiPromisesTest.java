package io.modelfleet.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The served document says what docs/api.md promises: bearer tokens, problem+json errors, an SSE stream. */
@QuarkusTest
class OpenApiPromisesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyOperationNeedsTheBearerTokenAndAnswersErrorsAsProblemDocuments() throws Exception {
        OpenApiDocument document = document();
        JsonNode scheme = document.root().path("components").path("securitySchemes").path("bearer");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        List<String> wrong = new ArrayList<>();
        for (String operation : document.operations()) {
            JsonNode op = document.operation(operation);
            if (!op.path("security").toString().contains("\"bearer\"")) {
                wrong.add(operation + ": no bearer security requirement");
            }
            for (String status : List.of("401", "403")) {
                if (!op.path("responses").has(status)) {
                    wrong.add(operation + ": no " + status);
                }
            }
            op.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    JsonNode content = response.getValue().path("content");
                    String ref = content.path("application/problem+json").path("schema").path("$ref").asText();
                    if (content.size() != 1 || !ref.equals("#/components/schemas/Problem")) {
                        wrong.add(operation + " " + response.getKey() + ": not a problem+json Problem but " + content);
                    }
                }
            });
        }
        assertEquals(List.of(), wrong);
        JsonNode problem = document.root().path("components").path("schemas").path("Problem");
        assertEquals("[\"type\",\"title\",\"status\"]", problem.path("required").toString());
        assertEquals("[\"type\",\"title\",\"status\",\"detail\",\"instance\",\"errors\"]",
                JSON.valueToTree(fieldNames(problem.path("properties"))).toString());
    }

    @Test
    void theRolloutEventStreamIsDocumentedAsServerSentEventsOfRollouts() throws Exception {
        JsonNode ok = document().operation("GET /api/v1/rollouts/{id}/events").path("responses").path("200");
        assertEquals(List.of("text/event-stream"), fieldNames(ok.path("content")));
        assertEquals("#/components/schemas/RolloutView", ok.path("content").path("text/event-stream").path("schema")
                .path("items").path("$ref").asText());
    }

    private static OpenApiDocument document() throws Exception {
        return new OpenApiDocument(JSON.readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString()));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
