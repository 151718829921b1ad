package io.modelfleet.cloud.aws;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.metrics.Scrape;
import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The price-refresh metrics after refreshes through the API with fake AWS sources, in me-south-1 (a region no other
 * test uses): when prices were last refreshed and how long ago, offerings left stale, and failures counted.
 */
@QuarkusTest
class PriceRefreshMetricsTest {

    private static final String REGION = "me-south-1";

    @Inject
    FakePriceSources fake;

    @AfterEach
    void reset() {
        fake.onDemand.clear();
        fake.failure = null;
    }

    @Test
    void aRefreshSetsTheRegionsTimestampAndAFailureCountsAndLeavesItsOfferingsStale() {
        String hw = unique("g4dn");
        Map<String, Object> body = new HashMap<>(Fixtures.t4Profile());
        body.put("offerings", List.of(Map.of("region", REGION, "capacityType", "ON_DEMAND", "hourlyPriceUsd", 0.6)));
        operator().body(body).put("/api/v1/hardware-profiles/" + hw).then().statusCode(201);
        Scrape before = Scrape.now();
        assertFalse(before.has("modelfleet_price_refresh_timestamp_seconds", "region", REGION),
                "static prices from profiles are no refresh");

        fake.onDemand.put(hw, 0.6234);
        operator().queryParam("region", REGION).post("/api/v1/pricing/refresh").then().statusCode(200);
        OffsetDateTime refreshedAt = OffsetDateTime.parse(viewer().get("/api/v1/hardware-profiles/" + hw).then()
                .extract().path("offerings[0].priceUpdatedAt"));
        Scrape refreshed = Scrape.now();
        double at = refreshedAt.toInstant().getEpochSecond() + refreshedAt.toInstant().getNano() / 1e9;
        assertEquals(at, refreshed.value("modelfleet_price_refresh_timestamp_seconds", "region", REGION), 1e-6);
        double age = refreshed.value("modelfleet_price_refresh_age_seconds", "region", REGION);
        assertTrue(age >= 0 && age < 60, "refreshed just now: " + age);
        assertEquals(0, refreshed.value("modelfleet_stale_offerings", "region", REGION));

        fake.failure = new IllegalStateException("AWS could not be reached: connection refused");
        operator().queryParam("region", REGION).post("/api/v1/pricing/refresh").then().statusCode(200);
        Scrape failed = Scrape.now();
        assertEquals(refreshed.value("modelfleet_price_refresh_failures_total", "region", REGION) + 1,
                failed.value("modelfleet_price_refresh_failures_total", "region", REGION));
        assertEquals(1, failed.value("modelfleet_stale_offerings", "region", REGION),
                "the offering keeps its last price, marked stale");
        assertEquals(at, failed.value("modelfleet_price_refresh_timestamp_seconds", "region", REGION), 1e-6,
                "the age counts from the last refresh that wrote a price");
        assertEquals(refreshed.value("modelfleet_price_refresh_failures_total", "region", "all"),
                failed.value("modelfleet_price_refresh_failures_total", "region", "all"),
                "the refresh itself completed; only the region failed");
    }
}
