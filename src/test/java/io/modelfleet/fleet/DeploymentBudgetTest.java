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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A deployment's "autoRollout" and "disruptionBudget" (design 006, I9): stored, shown with defaults, bounded. */
@QuarkusTest
class DeploymentBudgetTest {

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

    private static Map<String, Object> budget(Object percent, String schedule, String duration) {
        Map<String, Object> window = new HashMap<>();
        window.put("schedule", schedule);
        window.put("duration", duration);
        Map<String, Object> budget = new HashMap<>();
        budget.put("maxDisruptedPercent", percent);
        budget.put("maintenanceWindow", window);
        return Map.of("disruptionBudget", budget);
    }

    @Test
    void theBudgetAndAutoRolloutRoundTripWithTheDurationInCanonicalForm() {
        // A leading digit sorts before every letter, so the list's first (name-ordered) page holds it.
        String name = unique("0-budget");
        Map<String, Object> body = new HashMap<>(budget(25, "0 2 * * 1-5", "90m"));
        body.put("autoRollout", "WITHIN_BUDGET");
        Map<String, Object> written = put(name, deployment(body)).statusCode(201)
                .body("autoRollout", equalTo("WITHIN_BUDGET"))
                .body("disruptionBudget.maxDisruptedPercent", equalTo(25))
                .body("disruptionBudget.maintenanceWindow.schedule", equalTo("0 2 * * 1-5"))
                .body("disruptionBudget.maintenanceWindow.duration", equalTo("1h30m"))
                .extract().jsonPath().getMap("");
        Map<String, Object> read = viewer().get("/api/v1/deployments/" + name).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertEquals(written, read);
        // The list reads through Hibernate, the single read through plain SQL: both map the new columns.
        List<Map<String, Object>> listed = viewer().queryParam("size", 500).get("/api/v1/deployments").then()
                .statusCode(200).extract().jsonPath().getList("items.findAll { it.name == '" + name + "' }");
        assertEquals(List.of(read), listed);
    }

    @Test
    void aDeploymentThatSetsNothingIsNeverAtAHundredPercentAnyTime() {
        String name = unique("d");
        put(name, deployment(Map.of())).statusCode(201)
                .body("autoRollout", equalTo("NEVER"))
                .body("disruptionBudget.maxDisruptedPercent", equalTo(100))
                .body("disruptionBudget", not(hasKey("maintenanceWindow")));
        put(unique("d"), deployment(Map.of("disruptionBudget", Map.of("maintenanceWindow",
                Map.of("schedule", "30 23 * * *", "duration", "3h"))))).statusCode(201)
                .body("disruptionBudget.maxDisruptedPercent", equalTo(100))
                .body("disruptionBudget.maintenanceWindow.duration", equalTo("3h"));
    }

    @Test
    void theShownDefaultsChangeNothingAndAChangedBudgetBumpsTheRevision() {
        String name = unique("d");
        int created = put(name, deployment(Map.of())).statusCode(201).extract().path("revision");
        int same = put(name, deployment(Map.of("autoRollout", "NEVER", "disruptionBudget",
                Map.of("maxDisruptedPercent", 100)))).statusCode(200).extract().path("revision");
        assertEquals(created, same);
        Map<String, Object> windowed = new HashMap<>(budget(50, "0 2 * * *", "2h"));
        int changed = put(name, deployment(windowed)).statusCode(200).extract().path("revision");
        assertEquals(created + 1, changed);
        // The update path writes the columns too: read back from the database.
        viewer().get("/api/v1/deployments/" + name).then().statusCode(200)
                .body("disruptionBudget.maxDisruptedPercent", equalTo(50))
                .body("disruptionBudget.maintenanceWindow.schedule", equalTo("0 2 * * *"))
                .body("disruptionBudget.maintenanceWindow.duration", equalTo("2h"));
        // 120m is 2h: the same window, so nothing changes.
        int again = put(name, deployment(budget(50, "0 2 * * *", "120m"))).statusCode(200).extract().path("revision");
        assertEquals(changed, again);
        int cleared = put(name, deployment(Map.of("disruptionBudget", Map.of("maxDisruptedPercent", 50))))
                .statusCode(200).body("disruptionBudget", not(hasKey("maintenanceWindow")))
                .extract().path("revision");
        assertEquals(changed + 1, cleared);
    }

    @Test
    void aPercentOutside1To100IsNamed() {
        put(unique("d"), deployment(Map.of("disruptionBudget", Map.of("maxDisruptedPercent", 0)))).statusCode(400)
                .body("errors.field", contains("disruptionBudget.maxDisruptedPercent"))
                .body("errors.message", contains("must be between 1 and 100, was 0"));
        put(unique("d"), deployment(Map.of("disruptionBudget", Map.of("maxDisruptedPercent", 101)))).statusCode(400)
                .body("errors.field", contains("disruptionBudget.maxDisruptedPercent"))
                .body("errors.message", contains("must be between 1 and 100, was 101"));
        put(unique("d"), deployment(Map.of("disruptionBudget", Map.of("maxDisruptedPercent", 1)))).statusCode(201)
                .body("disruptionBudget.maxDisruptedPercent", equalTo(1));
    }

    @Test
    void anInvalidCronIsNamed() {
        put(unique("d"), deployment(budget(25, "0 2 * *", "2h"))).statusCode(400)
                .header("Content-Type", equalTo("application/problem+json"))
                .body("errors.field", contains("disruptionBudget.maintenanceWindow.schedule"));
        put(unique("d"), deployment(budget(25, "0 0 2 * * *", "2h"))).statusCode(400)
                .body("errors.field", contains("disruptionBudget.maintenanceWindow.schedule"));
        put(unique("d"), deployment(budget(25, "0 " + "1,".repeat(70) + "2 * * *", "2h"))).statusCode(400)
                .body("errors.field", contains("disruptionBudget.maintenanceWindow.schedule"))
                .body("errors.message", contains("must be at most 128 characters, was 149"));
    }

    @Test
    void aDurationNotPositiveOrOverSevenDaysIsNamed() {
        put(unique("d"), deployment(budget(25, "0 2 * * *", "0s"))).statusCode(400)
                .body("errors.field", contains("disruptionBudget.maintenanceWindow.duration"))
                .body("errors.message", contains("must be positive, was 0s"));
        put(unique("d"), deployment(budget(25, "0 2 * * *", "7d1m"))).statusCode(400)
                .body("errors.field", contains("disruptionBudget.maintenanceWindow.duration"))
                .body("errors.message", contains("must be at most 7d, was 7d1m"));
        put(unique("d"), deployment(budget(25, "0 2 * * *", "PT2H"))).statusCode(400)
                .body("errors.field", contains("disruptionBudget.maintenanceWindow.duration"))
                .body("errors.message", contains("must be a Prometheus duration such as 30m, 2h or 1d, was 'PT2H'"));
        put(unique("d"), deployment(budget(25, "0 2 * * 0", "1w"))).statusCode(201)
                .body("disruptionBudget.maintenanceWindow.duration", equalTo("7d"));
    }

    @Test
    void aWindowNeedsBothItsScheduleAndDuration() {
        put(unique("d"), deployment(Map.of("disruptionBudget", Map.of("maintenanceWindow", Map.of()))))
                .statusCode(400).body("errors.field", contains("disruptionBudget.maintenanceWindow.schedule",
                        "disruptionBudget.maintenanceWindow.duration"));
    }

    @Test
    void anUnknownAutoRolloutIsNamed() {
        put(unique("d"), deployment(Map.of("autoRollout", "ALWAYS"))).statusCode(400)
                .body("errors.field", hasItems("autoRollout"));
    }

    @Test
    void theOpenApiDocumentShowsTheBudgetOnSpecsAndViews() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(Set.of("maxDisruptedPercent", "maintenanceWindow"), properties(doc, "DeploymentSpec"));
        assertEquals(Set.of("maxDisruptedPercent", "maintenanceWindow"), properties(doc, "DeploymentView"));
        assertEquals(List.of("NEVER", "WITHIN_BUDGET"), doc.getList("components.schemas."
                + referenced(doc, "DeploymentView", "autoRollout") + ".enum"));
    }

    private static Set<String> properties(JsonPath doc, String schema) {
        Map<String, Object> target = doc.getMap("components.schemas." + referenced(doc, schema, "disruptionBudget")
                + ".properties");
        return target.keySet();
    }

    private static String referenced(JsonPath doc, String schema, String property) {
        String ref = doc.getString("components.schemas." + schema + ".properties." + property + ".$ref");
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
