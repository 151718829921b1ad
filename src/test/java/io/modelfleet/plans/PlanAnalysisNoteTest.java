package io.modelfleet.plans;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plan says, per cluster, whether rolling it out will analyze the steps there (only with a metrics source). */
@QuarkusTest
class PlanAnalysisNoteTest {

    @Test
    void thePlanNamesTheClustersWithoutAMetricsSourceAndHowTheirStepsAreGated() {
        String t4 = unique("pa-t4");
        String model = unique("pa-model");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        operator().body(Fixtures.variant("INT8", t4)).post("/api/v1/models/" + model + "/variants").then()
                .statusCode(201);
        String watched = "a-" + unique("pa");
        String gitops = "b-" + unique("pa");
        Map<String, Object> withMetrics = new HashMap<>(Fixtures.cluster("us-east-1", t4));
        withMetrics.put("metrics", Map.of("prometheusUrl", "https://prometheus.example:9090"));
        admin().body(withMetrics).put("/api/v1/clusters/" + watched).then().statusCode(201);
        operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + gitops).then().statusCode(201);
        String deployment = unique("pa-d");
        Map<String, Object> spec = new HashMap<>(Fixtures.deployment(model, watched, 100));
        spec.put("demand", List.of(Map.of("cluster", watched, "rps", 100), Map.of("cluster", gitops, "rps", 100)));
        operator().body(spec).put("/api/v1/deployments/" + deployment).then().statusCode(201);

        String id = operator().body(Map.of("deployments", List.of(deployment))).post("/api/v1/plans").then()
                .statusCode(201).body("analysis.cluster", equalTo(List.of(watched, gitops)))
                .body("analysis.analyzed", equalTo(List.of(true, false))).extract().path("id");
        viewer().get("/api/v1/plans/" + id).then().statusCode(200)
                .body("analysis[1].note", equalTo("cluster " + gitops + " names no metrics source: its steps are not"
                        + " gated (GITOPS: written, not observed); attach one with \"metrics\" on PUT"
                        + " /api/v1/clusters/" + gitops));
    }
}
