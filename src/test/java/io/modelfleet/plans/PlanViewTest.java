package io.modelfleet.plans;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typed plan (PlanView) is what the API serves: every field of a served plan, finished or RUNNING, reads
 * strictly into the record, and the OpenAPI document names it with enums as enums.
 */
@QuarkusTest
class PlanViewTest {

    private static final ObjectMapper STRICT = JsonMapper.builder().findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void servedPlansReadStrictlyIntoThePlanRecord() throws Exception {
        String t4 = unique("t4");
        String model = unique("m");
        String cluster = unique("c");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        operator().body(Fixtures.variant("INT8", t4)).post("/api/v1/models/" + model + "/variants").then()
                .statusCode(201);
        operator().body(Map.of("region", "us-east-1", "nodePools", List.of(Map.of("name", "gpu", "hardware", t4,
                "capacityType", "ON_DEMAND", "maxNodes", 10)))).put("/api/v1/clusters/" + cluster).then()
                .statusCode(201);
        String d = unique("d");
        operator().body(Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 20),
                "demand", List.of(Map.of("cluster", cluster, "rps", 3000)))).put("/api/v1/deployments/" + d)
                .then().statusCode(201);
        String sync = operator().body(Map.of("deployments", List.of(d))).post("/api/v1/plans").then()
                .statusCode(201).extract().asString();
        PlanView plan = STRICT.readValue(sync, PlanView.class);
        assertEquals(PlanState.OPTIMAL, plan.status());
        assertEquals(1.052, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals(2, plan.placements().get(0).replicas());
        assertEquals(List.of(d), plan.deployments());
        PlanView stored = STRICT.readValue(viewer().get("/api/v1/plans/" + plan.id()).then().statusCode(200)
                .extract().asString(), PlanView.class);
        assertEquals(plan, stored);
        String running = operator().header("Prefer", "respond-async").body(Map.of("deployments", List.of(d)))
                .post("/api/v1/plans").then().statusCode(202).extract().asString();
        PlanView job = STRICT.readValue(running, PlanView.class);
        assertEquals(PlanState.RUNNING, job.status());
        assertEquals(1, job.progress().unitsTotal());
    }

    @Test
    void theOpenApiDocumentHasATypedPlan() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(viewer().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        JsonNode plan = doc.path("components").path("schemas").path("Plan").path("properties");
        for (String field : List.of("id", "status", "totalHourlyCostUsd", "placements", "nodes", "unplaced",
                "alternatives", "baselines", "progress", "failure", "cancelled")) {
            assertTrue(plan.has(field), "Plan has " + field + ": " + plan);
        }
        JsonNode states = doc.path("components").path("schemas").path("PlanState").path("enum");
        assertEquals("[\"RUNNING\",\"OPTIMAL\",\"FEASIBLE\",\"INFEASIBLE\",\"FAILED\"]", states.toString());
        String get = doc.path("paths").path("/api/v1/plans/{id}").path("get").toString();
        assertTrue(get.contains("\"#/components/schemas/Plan\""), get);
    }
}
