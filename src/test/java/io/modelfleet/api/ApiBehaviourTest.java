package io.modelfleet.api;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Cross-cutting behaviour: body limits, unknown paths, health, OpenAPI and metrics. */
@QuarkusTest
class ApiBehaviourTest {

    @Test
    void oversizedBodyIs413ProblemAndWritesNothing() {
        String name = unique("huge");
        String big = "{\"task\":\"" + "x".repeat(1_100_000) + "\",\"accuracyMetric\":\"top1\"}";
        operator().body(big).put("/api/v1/models/" + name).then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("at most 1048576"));
        viewer().get("/api/v1/models/" + name).then().statusCode(404);
    }

    @Test
    void unknownPathIs404Problem() {
        viewer().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        operator().contentType("text/plain").body("hello").put("/api/v1/models/" + unique("m"))
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/hardware-profiles/{name}"))
                .body("paths", hasKey("/api/v1/models/{model}/variants"))
                .body("paths", hasKey("/api/v1/deployments/{name}"))
                .body("paths", hasKey("/api/v1/tokens"))
                .body("paths", hasKey("/api/v1/plans/{id}"))
                .body("paths", hasKey("/api/v1/rollouts/{id}/abort"))
                .body("paths", hasKey("/api/v1/deployments/{name}/upgrade"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        operator().body(Fixtures.model()).put("/api/v1/models/" + unique("metrics")).then().statusCode(201);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds_count"));
    }
}
