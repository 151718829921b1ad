package io.modelfleet.openapi;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Sends the scripted session's requests, checks every answer against the document at once and keeps what it
 * found: violations, the operations that had a success case, and which declared properties were ever sent.
 */
final class ConformanceRecorder {

    private final OpenApiDocument document;
    private final ResponseConformance conformance;
    private final List<String> failures = new ArrayList<>();
    private final List<String> deferred = new ArrayList<>();
    private final Set<String> succeeded = new LinkedHashSet<>();
    private final Set<String> called = new LinkedHashSet<>();
    private final Map<String, Set<String>> seenProperties = new TreeMap<>();
    private int exchanges;

    ConformanceRecorder(OpenApiDocument document) {
        this.document = document;
        this.conformance = new ResponseConformance(document, (schema, property) -> seenProperties
                .computeIfAbsent(schema, s -> new TreeSet<>()).add(property));
    }

    /**
     * Sends one request for an operation of the document and checks its answer.
     *
     * @param operation "METHOD /path/{template}" exactly as the document names it
     * @param purpose what the step does, for the report
     * @param expected the status the API's contract (docs/api.md) gives for this step
     */
    Response call(String operation, String purpose, int expected, Supplier<Response> send) {
        exchanges++;
        called.add(operation);
        Response response = send.get();
        Exchange exchange = new Exchange(operation, purpose, expected, response.statusCode(),
                response.getContentType(), response.asString());
        if (document.operation(operation).isMissingNode()) {
            failures.add(exchange.describe() + ": the document has no operation " + operation);
            return response;
        }
        if (exchange.status() != expected) {
            failures.add(exchange.describe() + ": the script expected " + expected + " (body: "
                    + shorten(exchange.body()) + ")");
        }
        if (exchange.status() >= 200 && exchange.status() < 300) {
            succeeded.add(operation);
        }
        List<String> found = ConformanceSession.DEFERRED.contains(operation) ? deferred : failures;
        conformance.check(exchange).forEach(v -> found.add(exchange.describe() + ": " + v));
        return response;
    }

    List<String> failures() {
        return failures;
    }

    /** Violations of operations in {@link ConformanceSession#DEFERRED}: reported, not failed. */
    List<String> deferred() {
        return deferred;
    }

    int exchanges() {
        return exchanges;
    }

    /** Operations of the document the session never answered with a 2xx. */
    List<String> withoutSuccessCase() {
        return document.operations().stream().filter(o -> !succeeded.contains(o)).toList();
    }

    Set<String> called() {
        return called;
    }

    /** Properties declared by a schema the session saw but that no answer ever carried: candidates for review. */
    List<String> declaredButNeverSent() {
        List<String> out = new ArrayList<>();
        seenProperties.forEach((schema, seen) -> document.root().path("components").path("schemas").path(schema)
                .path("properties").fieldNames().forEachRemaining(p -> {
                    if (!seen.contains(p)) {
                        out.add(schema + "." + p);
                    }
                }));
        return out;
    }

    private static String shorten(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
