package io.modelfleet.catalog;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PUT /models in plain SQL keeps the entity's revision rules, If-Match and the variant count of its answer. */
@QuarkusTest
class ModelWritesTest {

    @Test
    void anEqualBodyKeepsTheRevisionAChangeAddsOneAndTheAnswerCountsVariants() {
        String model = unique("mw");
        String gpu = unique("mw-t4");
        String path = "/api/v1/models/" + model;
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + gpu).then().statusCode(201);
        String created = operator().body(Fixtures.model()).put(path).then().statusCode(201)
                .header("ETag", equalTo("\"0\"")).body("revision", equalTo(0)).extract().path("createdAt");
        operator().body(Fixtures.variant("INT8", gpu)).post(path + "/variants").then().statusCode(201);
        operator().body(Fixtures.model()).put(path).then().statusCode(200).body("revision", equalTo(0))
                .body("variantCount", equalTo(1)).body("createdAt", equalTo(created));
        operator().header("If-Match", "\"0\"").body(Map.of("task", "detection", "accuracyMetric", "map"))
                .put(path).then().statusCode(200).body("revision", equalTo(1)).body("task", equalTo("detection"))
                .body("variantCount", equalTo(1)).body("createdAt", equalTo(created));
        viewer().get(path).then().statusCode(200).body("revision", equalTo(1)).body("accuracyMetric", equalTo("map"));
    }

    @Test
    void aStaleIfMatchAndAnIfMatchOnAnAbsentModelAre412AndChangeNothing() {
        String model = unique("mw");
        String path = "/api/v1/models/" + model;
        operator().header("If-Match", "\"0\"").body(Fixtures.model()).put(path).then().statusCode(412)
                .contentType("application/problem+json")
                .body("detail", equalTo("model '" + model + "' does not exist, so If-Match cannot match"));
        viewer().get(path).then().statusCode(404);
        operator().body(Fixtures.model()).put(path).then().statusCode(201);
        operator().header("If-Match", "\"3\"").body(Map.of("task", "detection", "accuracyMetric", "map"))
                .put(path).then().statusCode(412).contentType("application/problem+json");
        viewer().get(path).then().statusCode(200).body("revision", equalTo(0))
                .body("task", equalTo("image-classification"));
    }
}
