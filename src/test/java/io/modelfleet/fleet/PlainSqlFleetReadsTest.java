package io.modelfleet.fleet;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET of a cluster or a deployment reads with plain SQL; it must answer exactly what the write answered. */
@QuarkusTest
class PlainSqlFleetReadsTest {

    @Test
    void aClusterAndADeploymentReadBackExactlyAsTheirWritesAnsweredWithChildRowsInOrder() {
        String gpu = unique("fr-t4");
        String cpu = unique("fr-cpu");
        String model = unique("fr-model");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + gpu).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);

        String cluster = unique("fr-cluster");
        String second = unique("fr-second");
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-east-1", gpu));
        body.put("target", Map.of("type", "KUBERNETES", "context", "prod-fr", "namespace", "inference"));
        body.put("nodePools", List.of(
                Map.of("name", "z-cpu", "hardware", cpu, "capacityType", "SPOT", "maxNodes", 3),
                Map.of("name", "a-t4", "hardware", gpu, "capacityType", "ON_DEMAND", "maxNodes", 10)));
        Map<String, Object> written = operator().body(body).put("/api/v1/clusters/" + cluster).then()
                .statusCode(201).extract().jsonPath().getMap("");
        Map<String, Object> read = viewer().get("/api/v1/clusters/" + cluster).then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).body("nodePools.name", equalTo(List.of("z-cpu", "a-t4")))
                .body("target.context", equalTo("prod-fr")).extract().jsonPath().getMap("");
        assertEquals(written, read);
        operator().body(Fixtures.cluster("us-east-1", gpu)).put("/api/v1/clusters/" + second).then().statusCode(201);

        String deployment = unique("fr-deployment");
        Map<String, Object> spec = new HashMap<>(Fixtures.deployment(model, second, 120));
        spec.put("demand", List.of(Map.of("cluster", second, "rps", 120), Map.of("cluster", cluster, "rps", 75.5)));
        Map<String, Object> deployed = operator().body(spec).put("/api/v1/deployments/" + deployment).then()
                .statusCode(201).extract().jsonPath().getMap("");
        assertEquals(deployed, viewer().get("/api/v1/deployments/" + deployment).then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).body("demand.cluster", equalTo(List.of(second, cluster)))
                .extract().jsonPath().getMap(""));

        viewer().get("/api/v1/deployments/" + unique("absent")).then().statusCode(404)
                .contentType("application/problem+json");
        viewer().get("/api/v1/clusters/" + unique("absent")).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
