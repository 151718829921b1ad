package io.modelfleet.api.security;

import static io.modelfleet.testing.Api.ADMIN_TOKEN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** End to end, with the limit lowered to 3 failures a minute: the fourth request with credentials is 429. */
@QuarkusTest
@TestProfile(FailedAuthLockoutTest.LowLimit.class)
class FailedAuthLockoutTest {

    @Inject
    Pool pool;

    /** The row is written as the response ends, not before it is sent. */
    private Row awaitRow(String path) {
        for (int i = 0; i < 50; i++) {
            RowSet<Row> rows = pool.preparedQuery("SELECT status, outcome, actor FROM audit_log WHERE path = $1")
                    .execute(Tuple.of(path)).await().indefinitely();
            if (rows.size() > 0) {
                assertEquals(1, rows.size());
                return rows.iterator().next();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no audit row for " + path);
    }

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
        given().auth().oauth2(ADMIN_TOKEN).contentType("application/json").body("{}")
                .put("/api/v1/models/blocked-write").then().statusCode(429);
        // Audited as refused, without resolving its token: a blocked address costs no token lookup.
        Row row = awaitRow("/api/v1/models/blocked-write");
        assertEquals(429, row.getInteger("status"));
        assertEquals("REFUSED", row.getString("outcome"));
        assertNull(row.getString("actor"));
        given().get("/api/v1/models").then().statusCode(401)
                .body("detail", equalTo("an API token is required: send Authorization: Bearer <token>"));
    }
}
