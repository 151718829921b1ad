package io.modelfleet.fleet;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A deployment's "demandSource" and "analysis": stored, shown with defaults filled in, bounded. */
@QuarkusTest
class DeploymentAnalysisTest {

    private String model;
    private String cluster;

    @BeforeEach
    void fleet() {
        String t4 = unique("t4");
        model = unique("resnet");
        cluster = unique("prod");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + cluster).then().statusCode(201);
    }

    private Map<String, Object> deployment(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Fixtures.deployment(model, cluster, 100));
        body.putAll(extra);
        return body;
    }

    private ValidatableResponse put(String name, Map<String, Object> body) {
        return operator().body(body).put("/api/v1/deployments/" + name).then();
    }

    @Test
    void everyKnobAndTheDemandSourceRoundTrip() {
        String name = unique("d");
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("runtime", "TRITON");
        analysis.put("interval", "2m");
        analysis.put("count", 7);
        analysis.put("initialDelay", "90s");
        analysis.put("failureLimit", 2);
        analysis.put("inconclusiveLimit", 3);
        analysis.put("consecutiveErrorLimit", 5);
        analysis.put("minRequests", 1200);
        analysis.put("maxErrorRatio", 0.05);
        analysis.put("window", "10m");
        analysis.put("errorRatio", "OPTIONAL");
        Map<String, Object> written = put(name, deployment(Map.of("demandSource", "MAX", "analysis", analysis)))
                .statusCode(201).extract().jsonPath().getMap("");
        Map<String, Object> read = viewer().get("/api/v1/deployments/" + name).then().statusCode(200)
                .body("demandSource", equalTo("MAX"))
                .body("analysis.runtime", equalTo("TRITON"))
                .body("analysis.interval", equalTo("2m"))
                .body("analysis.count", equalTo(7))
                .body("analysis.initialDelay", equalTo("1m30s"))
                .body("analysis.failureLimit", equalTo(2))
                .body("analysis.inconclusiveLimit", equalTo(3))
                .body("analysis.consecutiveErrorLimit", equalTo(5))
                .body("analysis.minRequests", equalTo(1200))
                .body("analysis.maxErrorRatio", equalTo(0.05f))
                .body("analysis.window", equalTo("10m"))
                .body("analysis.errorRatio", equalTo("OPTIONAL")).extract().jsonPath().getMap("");
        assertEquals(written, read);
    }

    @Test
    void aDeploymentThatSetsNothingShowsEveryDefault() {
        String name = unique("d");
        put(name, deployment(Map.of())).statusCode(201)
                .body("demandSource", equalTo("DECLARED"))
                .body("analysis", not(hasKey("runtime")))
                .body("analysis.interval", equalTo("30s"))
                .body("analysis.count", equalTo(3))
                .body("analysis.initialDelay", equalTo("0s"))
                .body("analysis.failureLimit", equalTo(0))
                .body("analysis.inconclusiveLimit", equalTo(1))
                .body("analysis.consecutiveErrorLimit", equalTo(4))
                .body("analysis.minRequests", equalTo(50))
                .body("analysis.maxErrorRatio", equalTo(0.01f))
                .body("analysis.window", equalTo("1m"))
                .body("analysis.errorRatio", equalTo("REQUIRED"));
    }

    @Test
    void theWindowFollowsALongerIntervalAndStaysAtLeastAMinute() {
        put(unique("d"), deployment(Map.of("analysis", Map.of("interval", "5m")))).statusCode(201)
                .body("analysis.interval", equalTo("5m")).body("analysis.window", equalTo("5m"))
                .body("analysis.count", equalTo(3));
        put(unique("d"), deployment(Map.of("analysis", Map.of("interval", "10s")))).statusCode(201)
                .body("analysis.interval", equalTo("10s")).body("analysis.window", equalTo("1m"));
    }

    @Test
    void everyBoundIsEnforcedNamingTheKnob() {
        Map<String, Object> low = new LinkedHashMap<>();
        low.put("interval", "4s");
        low.put("count", 0);
        low.put("initialDelay", "0s");
        low.put("failureLimit", -1);
        low.put("inconclusiveLimit", -1);
        low.put("consecutiveErrorLimit", -1);
        low.put("minRequests", -1);
        low.put("maxErrorRatio", -0.01);
        low.put("window", "59s");
        put(unique("d"), deployment(Map.of("analysis", low))).statusCode(400)
                .body("errors.field", contains("analysis.interval", "analysis.window", "analysis.count",
                        "analysis.failureLimit", "analysis.inconclusiveLimit", "analysis.consecutiveErrorLimit",
                        "analysis.minRequests", "analysis.maxErrorRatio"))
                .body("errors.message", contains("must be between 5s and 1h, was 4s",
                        "must be between 1m and 1d, was 59s", "must be between 1 and 100, was 0",
                        "must be between 0 and 100, was -1", "must be between 0 and 100, was -1",
                        "must be between 0 and 100, was -1", "must be between 0 and 1000000000, was -1",
                        "must be between 0 and 1, was -0.01"));
        Map<String, Object> high = new LinkedHashMap<>();
        high.put("interval", "1h1ms");
        high.put("count", 101);
        high.put("initialDelay", "61m");
        high.put("failureLimit", 101);
        high.put("inconclusiveLimit", 101);
        high.put("consecutiveErrorLimit", 101);
        high.put("minRequests", 1_000_000_001L);
        high.put("maxErrorRatio", 1.01);
        high.put("window", "1d1s");
        put(unique("d"), deployment(Map.of("analysis", high))).statusCode(400)
                .body("errors.field", contains("analysis.interval", "analysis.initialDelay", "analysis.window",
                        "analysis.count", "analysis.failureLimit", "analysis.inconclusiveLimit",
                        "analysis.consecutiveErrorLimit", "analysis.minRequests", "analysis.maxErrorRatio"))
                .body("errors.message", contains("must be between 5s and 1h, was 1h1ms",
                        "must be between 0s and 1h, was 61m", "must be between 1m and 1d, was 1d1s",
                        "must be between 1 and 100, was 101", "must be between 0 and 100, was 101",
                        "must be between 0 and 100, was 101", "must be between 0 and 100, was 101",
                        "must be between 0 and 1000000000, was 1000000001", "must be between 0 and 1, was 1.01"));
    }

    @Test
    void theBoundsThemselvesAreAllowed() {
        Map<String, Object> edges = new LinkedHashMap<>();
        edges.put("interval", "1h");
        edges.put("count", 100);
        edges.put("initialDelay", "1h");
        edges.put("failureLimit", 100);
        edges.put("inconclusiveLimit", 0);
        edges.put("consecutiveErrorLimit", 0);
        edges.put("minRequests", 1_000_000_000L);
        edges.put("maxErrorRatio", 1);
        edges.put("window", "1d");
        put(unique("d"), deployment(Map.of("analysis", edges))).statusCode(201)
                .body("analysis.interval", equalTo("1h")).body("analysis.window", equalTo("1d"))
                .body("analysis.minRequests", equalTo(1_000_000_000));
        put(unique("d"), deployment(Map.of("analysis", Map.of("interval", "5s", "window", "1m", "count", 1,
                "maxErrorRatio", 0)))).statusCode(201).body("analysis.interval", equalTo("5s"));
    }

    @Test
    void durationsThatAreNotPrometheusDurationsAreNamed() {
        put(unique("d"), deployment(Map.of("analysis", Map.of("interval", "30", "window", "PT5M",
                "initialDelay", "x".repeat(33))))).statusCode(400)
                .body("errors.field", contains("analysis.interval", "analysis.initialDelay", "analysis.window"))
                .body("errors.message", contains("must be a Prometheus duration such as 30s, 5m or 1h, was '30'",
                        "must be at most 32 characters, was 33",
                        "must be a Prometheus duration such as 30s, 5m or 1h, was 'PT5M'"));
    }

    @Test
    void anUnknownRuntimeOrDemandSourceIsNamed() {
        put(unique("d"), deployment(Map.of("demandSource", "GUESSED"))).statusCode(400)
                .body("errors.field", hasItems("demandSource"));
        put(unique("d"), deployment(Map.of("analysis", Map.of("runtime", "VLLM")))).statusCode(400)
                .body("errors.field", hasItems("analysis.runtime"));
        put(unique("d"), deployment(Map.of("analysis", Map.of("errorRatio", "SOMETIMES")))).statusCode(400)
                .body("errors.field", hasItems("analysis.errorRatio"));
    }

    @Test
    void changingTheAnalysisOrDemandSourceBumpsTheRevisionAndTheShownDefaultsChangeNothing() {
        String name = unique("d");
        int created = put(name, deployment(Map.of())).statusCode(201).extract().path("revision");
        Map<String, Object> shownDefaults = Map.of("demandSource", "DECLARED", "analysis", Map.of("interval", "30s",
                "count", 3, "initialDelay", "0s", "failureLimit", 0, "inconclusiveLimit", 1,
                "consecutiveErrorLimit", 4, "minRequests", 50, "maxErrorRatio", 0.01, "window", "1m",
                "errorRatio", "REQUIRED"));
        int same = put(name, deployment(shownDefaults)).statusCode(200).extract().path("revision");
        assertEquals(created, same);
        int counted = put(name, deployment(Map.of("analysis", Map.of("count", 5)))).statusCode(200)
                .body("analysis.count", equalTo(5)).extract().path("revision");
        assertEquals(created + 1, counted);
        int observed = put(name, deployment(Map.of("analysis", Map.of("count", 5), "demandSource", "OBSERVED")))
                .statusCode(200).body("demandSource", equalTo("OBSERVED")).extract().path("revision");
        assertEquals(created + 2, observed);
    }

    @Test
    void theOpenApiDocumentShowsTheNewFieldsOnSpecsAndViews() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(Set.of("prometheusUrl", "credentialsRef"), properties(doc, "ClusterSpec", "metrics"));
        assertEquals(Set.of("prometheusUrl", "credentialsConfigured"), properties(doc, "ClusterView", "metrics"));
        Set<String> knobs = Set.of("runtime", "interval", "count", "initialDelay", "failureLimit",
                "inconclusiveLimit", "consecutiveErrorLimit", "minRequests", "maxErrorRatio", "window", "errorRatio");
        assertEquals(knobs, properties(doc, "DeploymentSpec", "analysis"));
        assertEquals(knobs, properties(doc, "DeploymentView", "analysis"));
        assertEquals(List.of("DECLARED", "OBSERVED", "MAX"), doc.getList("components.schemas."
                + referenced(doc, "DeploymentView", "demandSource") + ".enum"));
        assertEquals(List.of("TRITON", "KSERVE", "OPENMETRICS"), doc.getList("components.schemas.QueryRuntime.enum"));
    }

    /** The property names of the schema that {@code schema.property} refers to. */
    private static Set<String> properties(JsonPath doc, String schema, String property) {
        Map<String, Object> target = doc.getMap("components.schemas." + referenced(doc, schema, property)
                + ".properties");
        return target.keySet();
    }

    private static String referenced(JsonPath doc, String schema, String property) {
        String ref = doc.getString("components.schemas." + schema + ".properties." + property + ".$ref");
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
