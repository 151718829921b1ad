package io.modelfleet.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The generated OpenAPI document as the conformance test reads it: its operations and their responses. */
final class OpenApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode root;

    OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    JsonNode root() {
        return root;
    }

    /** Every operation under /api/, as "METHOD /path/{template}", in document order. */
    List<String> operations() {
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    out.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return out;
    }

    /** The operation object, or a missing node when the document has no such operation. */
    JsonNode operation(String operation) {
        int space = operation.indexOf(' ');
        return root.path("paths").path(operation.substring(space + 1))
                .path(operation.substring(0, space).toLowerCase());
    }

    /**
     * The response the document gives for a status: the exact code, else its range ("4XX"), else "default"; a
     * missing node when none applies.
     */
    JsonNode response(String operation, int status) {
        JsonNode responses = operation(operation).path("responses");
        for (String key : List.of(String.valueOf(status), status / 100 + "XX", "default")) {
            if (responses.has(key)) {
                return responses.get(key);
            }
        }
        return responses.path(String.valueOf(status));
    }

    List<String> documentedStatuses(String operation) {
        List<String> out = new ArrayList<>();
        operation(operation).path("responses").fieldNames().forEachRemaining(out::add);
        return out;
    }
}
