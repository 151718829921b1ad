package io.modelfleet.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Whether one real response is what the document promises for its operation: the status is documented (or a
 * documented range or default), the content type is one the response lists, a body is described by a schema, and
 * the body conforms to it. A text/event-stream body is checked event by event against the schema of its items.
 */
final class ResponseConformance {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenApiDocument document;
    private final SchemaValidator validator;

    ResponseConformance(OpenApiDocument document, BiConsumer<String, String> seenProperty) {
        this.document = document;
        this.validator = new SchemaValidator(document.root(), seenProperty);
    }

    List<Violation> check(Exchange exchange) {
        List<Violation> out = new ArrayList<>();
        JsonNode response = document.response(exchange.operation(), exchange.status());
        if (response.isMissingNode()) {
            out.add(new Violation("", "status " + exchange.status() + " documented (documented: "
                    + document.documentedStatuses(exchange.operation()) + ")", "undocumented status"));
            return out;
        }
        boolean hasBody = exchange.body() != null && !exchange.body().isEmpty();
        JsonNode content = response.path("content");
        if (!hasBody) {
            if (exchange.status() == 204 && content.size() > 0) {
                out.add(new Violation("", "no content for 204", "the document lists " + fieldNames(content)));
            }
            return out;
        }
        if (exchange.status() == 204) {
            out.add(new Violation("", "no body for 204", "a body of " + exchange.body().length() + " characters"));
            return out;
        }
        JsonNode media = content.path(exchange.mediaType());
        if (media.isMissingNode()) {
            out.add(new Violation("", "content type one of " + fieldNames(content), "'" + exchange.contentType()
                    + "'"));
            return out;
        }
        JsonNode schema = media.get("schema");
        if (schema == null || schema.isEmpty()) {
            out.add(new Violation("", "a schema for " + exchange.mediaType(), "none documented"));
            return out;
        }
        if ("text/event-stream".equals(exchange.mediaType())) {
            checkEvents(schema, exchange.body(), out);
        } else {
            checkBody(schema, exchange.body(), "", out);
        }
        return out;
    }

    private void checkEvents(JsonNode schema, String body, List<Violation> out) {
        JsonNode eventSchema = schema.has("items") ? schema.get("items") : schema;
        List<String> events = ServerSentEvents.data(body);
        if (events.isEmpty()) {
            out.add(new Violation("", "at least one event", "an event stream without data"));
        }
        for (int i = 0; i < events.size(); i++) {
            checkBody(eventSchema, events.get(i), "(event " + i + ")", out);
        }
    }

    private void checkBody(JsonNode schema, String body, String prefix, List<Violation> out) {
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (Exception e) {
            out.add(new Violation(prefix, "JSON", "unparseable text: " + e.getMessage().lines().findFirst()
                    .orElse("")));
            return;
        }
        validator.validate(schema, value).forEach(v -> out.add(new Violation(prefix + v.pointer(), v.expected(),
                v.found())));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
