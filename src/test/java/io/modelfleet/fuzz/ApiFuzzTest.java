package io.modelfleet.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.testing.Api;
import io.modelfleet.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Seeded, generated requests over every operation of the live OpenAPI document and every role. Asserts: no
 * response is a 5xx; every 4xx is application/problem+json; a 400 caused by a field or parameter the mutation
 * certainly broke names it; and a refused write changed no row of any table. Replay with
 * {@code -Dfuzz.seed=<seed> -Dfuzz.requests=<n>}; a failure prints the seed, the request's index and the request.
 */
@QuarkusTest
class ApiFuzzTest {

    private static final long DEFAULT_SEED = 20261202L;
    private static final int DEFAULT_REQUESTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI root;

    @Inject
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void noClientInputCausesA5xxAndARefusedWriteChangesNothing() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int count = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
        Map<String, String> tokens = Map.of("VIEWER", Api.token(Api.As.VIEWER), "OPERATOR",
                Api.token(Api.As.OPERATOR), "ADMIN", Api.ADMIN_TOKEN);
        Endpoints endpoints = new Endpoints(seed());
        List<String[]> operations = operations();
        List<String> missing = operations.stream().map(o -> o[0] + " " + o[1]).filter(o -> !endpoints.covers(o))
                .toList();
        assertEquals(List.of(), missing, "operations in the OpenAPI document without a fuzz generator");

        Random random = new Random(seed);
        Mutations mutations = new Mutations(random);
        TableDump dump = new TableDump(dataSource);
        Map<String, String> before = dump.take();
        Map<String, int[]> statusByOperation = new TreeMap<>();
        Map<String, long[]> millisByOperation = new TreeMap<>();
        long dumpMillis = 0;
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        int sent = 0;
        for (int i = 0; i < count && failures.size() < 5; i++, sent++) {
            String[] operation = operations.get(random.nextInt(operations.size()));
            String key = operation[0] + " " + operation[1];
            FuzzRequest request = mutations.mutate(key, operation[0], operation[1], endpoints.base(key, random));
            long sentAt = System.nanoTime();
            HttpResponse<String> response = send(request, tokens);
            long[] time = millisByOperation.computeIfAbsent(key, k -> new long[2]);
            time[0] += (System.nanoTime() - sentAt) / 1_000_000;
            time[1]++;
            statusByOperation.computeIfAbsent(key, k -> new int[6])[response.statusCode() / 100]++;
            String problem = check(request, response);
            if (problem == null && request.writes()) {
                long dumped = System.nanoTime();
                Map<String, String> after = dump.take();
                dumpMillis += (System.nanoTime() - dumped) / 1_000_000;
                if (response.statusCode() >= 400 && !after.equals(before)) {
                    problem = "a refused write (" + response.statusCode() + ") changed tables " + changed(before,
                            after);
                }
                before = after;
            }
            if (problem != null) {
                failures.add("request #" + i + " of seed " + seed + ": " + problem + "\n  " + request.describe()
                        + "\n  response " + response.statusCode() + " " + response.headers().firstValue("Content-Type")
                                .orElse("") + ": " + shorten(response.body(), 1000));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("fuzz: seed %d, %d requests in %.1f s (%.0f requests/s)%n", seed, sent, seconds,
                sent / seconds);
        System.out.printf("fuzz: %.1f s of it comparing table dumps%n", dumpMillis / 1e3);
        statusByOperation.forEach((op, s) -> System.out.printf("fuzz:   %-55s 2xx %4d 4xx %4d 5xx %d, %.1f ms mean%n",
                op, s[2], s[4], s[5], (double) millisByOperation.get(op)[0] / millisByOperation.get(op)[1]));
        if (!failures.isEmpty()) {
            fail(failures.size() + " failing request(s); replay with -Dfuzz.seed=" + seed + "\n"
                    + String.join("\n", failures));
        }
    }

    /** Why the response breaks the contract, or null. */
    private static String check(FuzzRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "answered " + status;
        }
        if (status < 400) {
            return null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "a " + status + " that is not application/problem+json but '" + type + "'";
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (Exception e) {
            return "a problem document that is not JSON";
        }
        if (problem.path("status").asInt() != status) {
            return "the problem's status " + problem.path("status") + " is not the response's " + status;
        }
        if (status == 400 && request.fault() != null && !names(problem, request.fault())) {
            return "the 400 does not name '" + request.fault() + "'";
        }
        return null;
    }

    /** The fault is named by an errors[].field (it, a parent or a child of it) or in the detail. */
    private static boolean names(JsonNode problem, String fault) {
        for (JsonNode error : problem.path("errors")) {
            String field = error.path("field").asText();
            if (field.equals(fault) || field.endsWith("." + fault) || field.startsWith(fault)
                    || fault.startsWith(field)) {
                return true;
            }
        }
        return problem.path("detail").asText().contains(fault);
    }

    private HttpResponse<String> send(FuzzRequest request, Map<String, String> tokens) throws Exception {
        String base = root.toString().replaceAll("/$", "");
        URI uri = URI.create(base + request.rawPath() + (request.rawQuery() == null ? "" : "?" + request.rawQuery()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        switch (request.role()) {
            case NONE -> { }
            case BAD_TOKEN -> builder.header("Authorization", "Bearer not-a-token-" + request.rawPath().length());
            default -> builder.header("Authorization", "Bearer " + tokens.get(request.role().name()));
        }
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body());
        builder.method(request.method(), body);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every (method, path) of the live OpenAPI document under /api/. */
    private List<String[]> operations() throws Exception {
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(root.resolve("/q/openapi?format=json")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String[]> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = JSON.readTree(doc.body()).path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                    out.add(new String[] {method.toUpperCase(), path.getKey()});
                }
            });
        }
        return out;
    }

    /** What the valid requests refer to, created through the API. */
    private Endpoints.Seeded seed() {
        String gpu = "fz-t4";
        String cpu = "fz-cpu";
        Api.operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + gpu).then().statusCode(201);
        Api.operator().body(Fixtures.cpuProfile(0.2)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        Api.operator().body(Fixtures.model()).put("/api/v1/models/fz-model").then().statusCode(201);
        String variant = Api.operator().body(Fixtures.variant("FP16", gpu)).post("/api/v1/models/fz-model/variants")
                .then().statusCode(201).extract().path("id");
        Api.operator().body(Fixtures.cluster("us-east-1", gpu)).put("/api/v1/clusters/fz-cluster").then()
                .statusCode(201);
        Api.operator().body(Fixtures.deployment("fz-model", "fz-cluster", 100)).put("/api/v1/deployments/fz-dep")
                .then().statusCode(201);
        String plan = Api.operator().body(Map.of("deployments", List.of("fz-dep"), "timeLimitSeconds", 2))
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        String token = Api.admin().body(Map.of("name", "fz-victim", "role", "VIEWER")).post("/api/v1/tokens").then()
                .statusCode(201).extract().path("id");
        return new Endpoints.Seeded(gpu, cpu, "fz-model", UUID.fromString(variant), "fz-cluster", "fz-dep",
                UUID.fromString(plan), UUID.fromString(token));
    }

    private static List<String> changed(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        after.forEach((table, hash) -> {
            if (!hash.equals(before.get(table))) {
                out.add(table + " (" + before.get(table) + " -> " + hash + ")");
            }
        });
        return out;
    }

    private static String shorten(String value, int max) {
        return value == null ? "" : value.length() > max ? value.substring(0, max) + "..." : value;
    }
}
