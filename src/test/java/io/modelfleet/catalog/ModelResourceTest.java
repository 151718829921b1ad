package io.modelfleet.catalog;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelResourceTest {

    @Test
    void createReplaceAndDelete() {
        String name = unique("bert");
        operator().body(Map.of("task", "question-answering", "accuracyMetric", "f1")).put("/api/v1/models/" + name)
                .then().statusCode(201).body("variantCount", equalTo(0)).body("revision", equalTo(0));
        operator().body(Map.of("task", "question-answering", "accuracyMetric", "exact-match"))
                .header("If-Match", "\"0\"").put("/api/v1/models/" + name)
                .then().statusCode(200).body("accuracyMetric", equalTo("exact-match")).body("revision", equalTo(1));
        viewer().get("/api/v1/models/" + name).then().statusCode(200).header("ETag", "\"1\"")
                .body("task", equalTo("question-answering"));
        operator().delete("/api/v1/models/" + name).then().statusCode(204);
        viewer().get("/api/v1/models/" + name).then().statusCode(404);
    }

    @Test
    void missingFieldsAreNamed() {
        operator().body(Map.of()).put("/api/v1/models/" + unique("m")).then().statusCode(400)
                .body("errors.field", contains("task", "accuracyMetric"))
                .body("errors[0].message", equalTo("is required"));
    }

    @Test
    void emptyBodyIsRejected() {
        operator().put("/api/v1/models/" + unique("m")).then().statusCode(400)
                .contentType("application/problem+json");
    }
}
