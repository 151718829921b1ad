package io.modelfleet.catalog;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PUT /hardware-profiles in plain SQL writes back only what the mapper changed: an offering whose price stays
 * keeps its price time, a new price is STATIC from now, a dropped offering goes, a new one comes.
 */
@QuarkusTest
class HardwareProfileWritesTest {

    @Test
    void aReplaceKeepsUnchangedOfferingsRepricesChangedOnesDropsAndAddsAndCountsOneRevision() {
        String name = unique("hw");
        String path = "/api/v1/hardware-profiles/" + name;
        Map<String, Object> body = new HashMap<>(Fixtures.t4Profile());
        body.put("offerings", List.of(
                Map.of("region", "us-east-1", "capacityType", "ON_DEMAND", "hourlyPriceUsd", 0.526),
                Map.of("region", "us-east-1", "capacityType", "SPOT", "hourlyPriceUsd", 0.2),
                Map.of("region", "eu-west-1", "capacityType", "ON_DEMAND", "hourlyPriceUsd", 0.6)));
        JsonPath created = operator().body(body).put(path).then().statusCode(201).extract().jsonPath();
        String onDemandAt = created.getString("offerings.find { it.region == 'us-east-1' && it.capacityType =="
                + " 'ON_DEMAND' }.priceUpdatedAt");

        body.put("offerings", List.of(
                Map.of("region", "us-east-1", "capacityType", "ON_DEMAND", "hourlyPriceUsd", 0.526),
                Map.of("region", "us-east-1", "capacityType", "SPOT", "hourlyPriceUsd", 0.25),
                Map.of("region", "us-west-2", "capacityType", "SPOT", "hourlyPriceUsd", 0.18)));
        body.put("vcpus", 8);
        JsonPath replaced = operator().header("If-Match", "\"0\"").body(body).put(path).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("vcpus", equalTo(8))
                .body("offerings.region", equalTo(List.of("us-east-1", "us-east-1", "us-west-2")))
                .body("offerings.hourlyPriceUsd", equalTo(List.of(0.526f, 0.25f, 0.18f)))
                .body("offerings.priceSource", equalTo(List.of("STATIC", "STATIC", "STATIC")))
                .extract().jsonPath();
        assertEquals(onDemandAt, replaced.getString("offerings[0].priceUpdatedAt"), "an unchanged price keeps its time");
        assertNotEquals(created.getString("offerings.find { it.capacityType == 'SPOT' }.priceUpdatedAt"),
                replaced.getString("offerings[1].priceUpdatedAt"), "a new price is from now");
        assertEquals(replaced.getMap(""), viewer().get(path).then().statusCode(200).extract().jsonPath().getMap(""));

        operator().header("If-Match", "\"1\"").body(body).put(path).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("updatedAt", equalTo(replaced.getString("updatedAt")));
        body.put("offerings", List.of(Map.of("region", "us-east-1", "capacityType", "SPOT", "hourlyPriceUsd", 0.3)));
        operator().header("If-Match", "\"1\"").body(body).put(path).then().statusCode(200)
                .header("ETag", equalTo("\"2\"")).body("offerings.capacityType", equalTo(List.of("SPOT")))
                .body("updatedAt", not(equalTo(replaced.getString("updatedAt"))));
        operator().header("If-Match", "\"1\"").body(Fixtures.t4Profile()).put(path).then().statusCode(412)
                .contentType("application/problem+json");
        viewer().get(path).then().statusCode(200).header("ETag", equalTo("\"2\""))
                .body("offerings.hourlyPriceUsd", equalTo(List.of(0.3f)));
    }
}
