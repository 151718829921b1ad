package io.modelfleet.cloud.aws;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Refreshing prices through the API with fake AWS sources, in ap-south-1 (a region no other test uses), and
 * what plans then see: live prices, unavailable types rejected, stale prices flagged.
 */
@QuarkusTest
class PriceRefreshTest {

    private static final String REGION = "ap-south-1";

    @Inject
    FakePriceSources fake;

    @AfterEach
    void reset() {
        fake.onDemand.clear();
        fake.spot.clear();
        fake.notOffered.clear();
        fake.failure = null;
    }

    private String profile(double staticPrice) {
        String name = unique("g4dn");
        Map<String, Object> body = new HashMap<>(Fixtures.t4Profile());
        body.put("offerings", List.of(Map.of("region", REGION, "capacityType", "ON_DEMAND",
                "hourlyPriceUsd", staticPrice)));
        operator().body(body).put("/api/v1/hardware-profiles/" + name).then().statusCode(201);
        return name;
    }

    @Test
    void refreshWritesLivePricesWithTheirSourceAndImportsKeepThem() {
        String hw = profile(0.5);
        fake.onDemand.put(hw, 0.5541);
        fake.spot.put(hw, 0.1912);
        operator().queryParam("region", REGION).post("/api/v1/pricing/refresh").then().statusCode(200)
                .body("regions[0].region", equalTo(REGION)).body("regions[0].ok", equalTo(true));
        viewer().get("/api/v1/hardware-profiles/" + hw).then()
                .body("offerings[0].capacityType", equalTo("ON_DEMAND"))
                .body("offerings[0].hourlyPriceUsd", equalTo(0.5541f))
                .body("offerings[0].priceSource", equalTo("AWS_PRICING"))
                .body("offerings[0].stale", equalTo(false))
                .body("offerings[1].capacityType", equalTo("SPOT"))
                .body("offerings[1].hourlyPriceUsd", equalTo(0.1912f))
                .body("offerings[1].priceSource", equalTo("AWS_SPOT"));
        Map<String, Object> doc = new HashMap<>(Fixtures.t4Profile());
        doc.put("name", hw);
        doc.put("offerings", List.of(Map.of("region", REGION, "capacityType", "ON_DEMAND", "hourlyPriceUsd", 0.5)));
        operator().body(Map.of("hardwareProfiles", List.of(doc))).post("/api/v1/import").then().statusCode(200);
        viewer().get("/api/v1/hardware-profiles/" + hw).then().body("offerings[0].hourlyPriceUsd", equalTo(0.5541f))
                .body("offerings[0].priceSource", equalTo("AWS_PRICING"));
    }

    @Test
    void aTypeTheRegionDoesNotOfferIsRejectedByThePlanner() {
        String hw = profile(0.5);
        fake.notOffered.add(hw);
        operator().queryParam("region", REGION).post("/api/v1/pricing/refresh").then().statusCode(200)
                .body("regions[0].notOffered", hasItem(hw));
        viewer().get("/api/v1/hardware-profiles/" + hw).then().body("offerings[0].available", equalTo(false));
        String d = deployOn(hw);
        operator().body(Map.of("deployments", List.of(d))).post("/api/v1/plans").then().statusCode(201)
                .body("status", equalTo("INFEASIBLE"))
                .body("unplaced[0].reasons[0]", org.hamcrest.Matchers.containsString(
                        "NO_OFFERING: INT8 variant"))
                .body("unplaced[0].reasons[0]", org.hamcrest.Matchers.endsWith(hw + " is not offered in " + REGION
                        + " (EC2 instance type offerings)"));
    }

    @Test
    void aFailedRefreshKeepsTheLastPriceMarksItStaleAndThePlanSaysSo() {
        String hw = profile(0.5);
        fake.failure = new IllegalStateException("AWS could not be reached: connection refused");
        operator().queryParam("region", REGION).post("/api/v1/pricing/refresh").then().statusCode(200)
                .body("regions[0].ok", equalTo(false))
                .body("regions[0].error", equalTo("IllegalStateException: AWS could not be reached: connection refused"));
        viewer().get("/api/v1/hardware-profiles/" + hw).then().body("offerings[0].hourlyPriceUsd", equalTo(0.5f))
                .body("offerings[0].stale", equalTo(true));
        String d = deployOn(hw);
        operator().body(Map.of("deployments", List.of(d))).post("/api/v1/plans").then().statusCode(201)
                .body("status", equalTo("OPTIMAL"))
                .body("warnings[0].kind", equalTo("STALE_PRICE"))
                .body("warnings[0].detail", startsWith(hw + " ON_DEMAND in " + REGION
                        + " costs 0.5 $/h as last known (price from STATIC at "));
    }

    private String deployOn(String hw) {
        String model = unique("m");
        String cluster = unique("c");
        String d = unique("d");
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        operator().body(Fixtures.variant("INT8", hw)).post("/api/v1/models/" + model + "/variants").then()
                .statusCode(201);
        operator().body(Fixtures.cluster(REGION, hw)).put("/api/v1/clusters/" + cluster).then().statusCode(201);
        operator().body(Fixtures.deployment(model, cluster, 100)).put("/api/v1/deployments/" + d).then()
                .statusCode(201);
        return d;
    }
}
