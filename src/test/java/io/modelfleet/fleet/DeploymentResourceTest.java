package io.modelfleet.fleet;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeploymentResourceTest {

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

    @Test
    void deploymentWithSloAndDemandRoundTrips() {
        String name = unique("resnet-prod");
        operator().body(Fixtures.deployment(model, cluster, 5000)).put("/api/v1/deployments/" + name)
                .then().statusCode(201);
        viewer().get("/api/v1/deployments/" + name).then().statusCode(200)
                .body("model", equalTo(model)).body("version", equalTo("1.0.0"))
                .body("slo.p99LatencyMs", equalTo(20.0f)).body("slo.minAccuracy", equalTo(75.0f))
                .body("slo.minReplicas", equalTo(1)).body("slo.headroom", equalTo(0.0f))
                .body("demand[0].cluster", equalTo(cluster)).body("demand[0].rps", equalTo(5000.0f));
    }

    @Test
    void sloDefaultsApply() {
        String name = unique("d");
        Map<String, Object> body = Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 50),
                "demand", List.of(Map.of("cluster", cluster, "rps", 10)));
        operator().body(body).put("/api/v1/deployments/" + name).then().statusCode(201)
                .body("slo.minReplicas", equalTo(1)).body("slo.headroom", equalTo(0.0f))
                .body("slo.minAccuracy", nullValue());
    }

    @Test
    void p99AndThroughputMustBePositive() {
        Map<String, Object> body = Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 0,
                "headroom", -0.1, "minReplicas", 0), "demand", List.of(Map.of("cluster", cluster, "rps", 0)));
        operator().body(body).put("/api/v1/deployments/" + unique("d")).then().statusCode(400)
                .body("errors.field", contains("slo.p99LatencyMs", "slo.minReplicas", "slo.headroom",
                        "demand[0].rps"));
    }

    @Test
    void unknownModelAndClusterAreNamedAndNothingIsWritten() {
        String name = unique("d");
        Map<String, Object> body = new HashMap<>(Fixtures.deployment("no-model", "no-cluster", 10));
        operator().body(body).put("/api/v1/deployments/" + name).then().statusCode(400)
                .body("errors.field", contains("model", "demand[0].cluster"));
        viewer().get("/api/v1/deployments/" + name).then().statusCode(404);
    }

    @Test
    void referencedClusterAndModelCannotBeDeleted() {
        String name = unique("d");
        operator().body(Fixtures.deployment(model, cluster, 100)).put("/api/v1/deployments/" + name)
                .then().statusCode(201);
        operator().delete("/api/v1/clusters/" + cluster).then().statusCode(409)
                .body("detail", equalTo("cluster '" + cluster + "' is still targeted by deployments " + name));
        operator().delete("/api/v1/models/" + model).then().statusCode(409)
                .body("detail", equalTo("model '" + model + "' is still served by deployments " + name));
        operator().delete("/api/v1/deployments/" + name).then().statusCode(204);
        operator().delete("/api/v1/clusters/" + cluster).then().statusCode(204);
    }

    @Test
    void clusterListedTwiceIsRejected() {
        Map<String, Object> body = Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 5),
                "demand", List.of(Map.of("cluster", cluster, "rps", 1), Map.of("cluster", cluster, "rps", 2)));
        operator().body(body).put("/api/v1/deployments/" + unique("d")).then().statusCode(400)
                .body("errors[0].field", equalTo("demand[1].cluster"));
    }
}
