package io.modelfleet.api;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 5xx the fuzz test and issue 9 found, each now a 400 that names the field and the bound. */
@QuarkusTest
class InputBoundsTest {

    @Test
    void nulInAVariantStringIs400NamingTheField() {
        String hw = unique("nul-hw");
        operator().body(Fixtures.cpuProfile(0.2)).put("/api/v1/hardware-profiles/" + hw).then().statusCode(201);
        String model = unique("nul-model");
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        String body = "{\"version\":\"1.0.0\",\"precision\":\"INT8\",\"artifactUri\":\"s3://b/k\",\"artifactSha256\":\""
                + "a".repeat(64) + "\",\"sizeBytes\":1,\"format\":\"ON\\u0000NX\",\"image\":\"i\"}";
        operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("format"))
                .body("errors[0].message", equalTo("must not contain a NUL character (U+0000), found at index 2"));
        viewer().get("/api/v1/models/" + model + "/variants").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void loneSurrogateInALabelValueIs400NamingTheField() {
        String body = "{\"accelerator\":\"CPU\",\"vcpus\":4,\"memoryGiB\":8,\"precisions\":[\"FP32\"],"
                + "\"nodeLabels\":{\"team\":\"a\\ud800b\"}}";
        operator().body(body).put("/api/v1/hardware-profiles/" + unique("sur")).then().statusCode(400)
                .body("errors[0].field", equalTo("nodeLabels.team"))
                .body("errors[0].message", containsString("unpaired UTF-16 surrogate (U+D800)"));
    }

    @Test
    void aRegionLongerThanItsColumnIs400NamingTheBound() {
        Map<String, Object> cluster = new HashMap<>(Fixtures.cluster("us-east-1", "none"));
        cluster.put("region", "us-east-" + "1".repeat(40));
        operator().body(cluster).put("/api/v1/clusters/" + unique("long")).then().statusCode(400)
                .body("errors[0].field", equalTo("region"))
                .body("errors[0].message", equalTo("must be at most 32 characters, was 48"));
    }

    @Test
    void maxNodesAboveThePlannersBoundIs400() {
        Map<String, Object> cluster = new HashMap<>(Fixtures.cluster("us-east-1", "none"));
        cluster.put("nodePools", List.of(Map.of("name", "p", "hardware", "none", "capacityType", "ON_DEMAND",
                "maxNodes", 2_000_000_000)));
        operator().body(cluster).put("/api/v1/clusters/" + unique("nodes")).then().statusCode(400)
                .body("errors[0].field", equalTo("nodePools[0].maxNodes"))
                .body("errors[0].message", equalTo("must be at most 10000, was 2000000000"));
    }

    @Test
    void pageTimesSizeBeyondAnIntIs400OnPage() {
        viewer().queryParam("page", 5_000_000).queryParam("size", 500).get("/api/v1/models").then().statusCode(400)
                .body("errors[0].field", equalTo("page"))
                .body("errors[0].message", equalTo("must be at most 4294967 with size 500, was 5000000"));
    }

    @Test
    void anEncodedNulInAPathSegmentIs400NamingTheParameter() {
        viewer().urlEncodingEnabled(false).get("/api/v1/models/a%00b").then().statusCode(400)
                .body("errors[0].field", equalTo("path.name"));
    }

    @Test
    void anEmptyRolloutBodyIs400() {
        operator().post("/api/v1/rollouts").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void aKeyGivenTwiceIs400NamingIt() {
        operator().body("{\"region\":\"us-east-1\",\"region\":\"us-west-2\"}").post("/api/v1/clusters/discover")
                .then().statusCode(400).body("title", equalTo("Malformed body"))
                .body("detail", containsString("at region: Duplicate field 'region'"));
    }

    @Test
    void tenThousandNestedArraysIs400Problem() {
        operator().body("[".repeat(10_000) + "]".repeat(10_000)).put("/api/v1/models/" + unique("deep")).then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed body"));
    }

    @Test
    void aNumberBeyondALongIs400NamingTheField() {
        operator().body("{\"task\":\"t\",\"accuracyMetric\":\"m\"}").put("/api/v1/models/" + unique("n")).then()
                .statusCode(201);
        operator().body(Map.of("limitVcpus", "1e400")).put("/api/v1/quotas/us-east-1/L-1216C47A").then()
                .statusCode(400).body("errors[0].field", equalTo("limitVcpus"));
    }
}
