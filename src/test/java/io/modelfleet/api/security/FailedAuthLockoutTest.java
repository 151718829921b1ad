package io.modelfleet.api.security;

import static io.modelfleet.testing.Api.ADMIN_TOKEN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** End to end, with the limit lowered to 3 failures a minute: the fourth request with credentials is 429. */
@QuarkusTest
@TestProfile(FailedAuthLockoutTest.LowLimit.class)
class FailedAuthLockoutTest {

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelfleet.security.failed-auth.max-failures", "3",
                    "modelfleet.security.failed-auth.window", "1m",
                    "modelfleet.security.failed-auth.block", "5m");
        }
    }

    @Test
    void threeFailuresBlockTheAddressSoEvenTheRightTokenGets429WithRetryAfter() {
        given().auth().oauth2(ADMIN_TOKEN).get("/api/v1/models").then().statusCode(200);
        given().auth().oauth2("mft_guess-1").get("/api/v1/models").then().statusCode(401);
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/models").then().statusCode(401);
        given().auth().oauth2("mft_guess-3").get("/api/v1/models").then().statusCode(401);

        given().auth().oauth2(ADMIN_TOKEN).get("/api/v1/models").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", oneOf("300", "299"))
                .body("status", equalTo(429))
                .body("type", equalTo("https://modelfleet.io/problems/too-many-requests"))
                .body("instance", equalTo("/api/v1/models"));
        given().auth().oauth2("mft_guess-4").contentType("application/json").body("{}")
                .put("/api/v1/models/x").then().statusCode(429);
        given().get("/api/v1/models").then().statusCode(401)
                .body("detail", equalTo("an API token is required: send Authorization: Bearer <token>"));
    }
}
