package io.modelfleet.api.security;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rotation with overlap, last-used time and expiry as the token API shows and enforces them. */
@QuarkusTest
class TokenLifecycleTest {

    @Inject
    ResolvedTokens resolved;

    @Inject
    Pool pool;

    private static JsonPath create(String name) {
        return admin().body(Map.of("name", name, "role", "VIEWER")).post("/api/v1/tokens").then().statusCode(201)
                .extract().jsonPath();
    }

    private static Map<String, Object> listed(String name) {
        List<Map<String, Object>> items = admin().queryParam("size", 500).get("/api/v1/tokens").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(t -> name.equals(t.get("name"))).findFirst().orElseThrow();
    }

    private static int statusWith(String secret) {
        return given().auth().oauth2(secret).get("/api/v1/hardware-profiles").statusCode();
    }

    private void sql(String statement, String name) {
        pool.preparedQuery(statement).execute(Tuple.of(name)).await().indefinitely();
    }

    @Test
    void bothSecretsWorkDuringTheOverlapAndTheListShowsWhenTheOldOneStops() {
        String name = unique("rot");
        JsonPath created = create(name);
        String oldSecret = created.getString("token");
        String id = created.getString("id");

        JsonPath rotated = admin().body(Map.of("overlapSeconds", 120)).post("/api/v1/tokens/" + id + "/rotate")
                .then().statusCode(200).body("token", startsWith("mft_")).body("name", equalTo(name))
                .body("previousSecret.tokenHint", equalTo(TokenHashes.hint(oldSecret))).extract().jsonPath();
        String newSecret = rotated.getString("token");
        OffsetDateTime rotatedAt = OffsetDateTime.parse(rotated.getString("rotatedAt"));
        assertEquals(rotatedAt.plusSeconds(120).toInstant(),
                OffsetDateTime.parse(rotated.getString("previousSecret.expiresAt")).toInstant());
        assertNotEquals(oldSecret, newSecret);

        assertEquals(200, statusWith(oldSecret));
        assertEquals(200, statusWith(newSecret));
        Map<String, Object> row = listed(name);
        assertEquals(TokenHashes.hint(newSecret), row.get("tokenHint"));
        assertEquals(Map.of("tokenHint", TokenHashes.hint(oldSecret), "expiresAt",
                rotated.getString("previousSecret.expiresAt")), row.get("previousSecret"));

        sql("UPDATE api_token SET previous_expires_at = now() - interval '1 second' WHERE name = $1", name);
        // Changed behind the API, as a write on another replica would be: this replica trusts the row it read for
        // modelfleet.security.token-cache-ttl (ResolvedTokensTest), so forget it to see the rule itself.
        resolved.forgetAll();
        assertEquals(401, statusWith(oldSecret));
        assertEquals(200, statusWith(newSecret));
        assertNull(listed(name).get("previousSecret"), "an ended overlap is no longer listed");
    }

    @Test
    void withoutOverlapSecondsTheOldSecretWorksForTheConfiguredHour() {
        JsonPath created = create(unique("rot"));
        JsonPath rotated = admin().body("{}").post("/api/v1/tokens/" + created.getString("id") + "/rotate").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(Duration.ofHours(1), Duration.between(OffsetDateTime.parse(rotated.getString("rotatedAt")),
                OffsetDateTime.parse(rotated.getString("previousSecret.expiresAt"))));
        assertEquals(200, statusWith(created.getString("token")));
    }

    @Test
    void aZeroOverlapStopsTheOldSecretAtOnceAndASecondRotationEndsTheFirstSecret() {
        JsonPath created = create(unique("rot"));
        String id = created.getString("id");
        String first = created.getString("token");
        String second = admin().body(Map.of("overlapSeconds", 0)).post("/api/v1/tokens/" + id + "/rotate").then()
                .statusCode(200).body("previousSecret", nullValue()).extract().path("token");
        assertEquals(401, statusWith(first));
        String third = admin().body(Map.of("overlapSeconds", 3600)).post("/api/v1/tokens/" + id + "/rotate").then()
                .statusCode(200).extract().path("token");
        String fourth = admin().body(Map.of("overlapSeconds", 3600)).post("/api/v1/tokens/" + id + "/rotate").then()
                .statusCode(200).extract().path("token");
        assertEquals(401, statusWith(second), "at most two secrets: the oldest stops when a third is made");
        assertEquals(200, statusWith(third));
        assertEquals(200, statusWith(fourth));
        admin().delete("/api/v1/tokens/" + id).then().statusCode(204);
        assertEquals(401, statusWith(third), "revoking ends both secrets");
        assertEquals(401, statusWith(fourth));
    }

    @Test
    void rotationRequestsAreCheckedAndOnlyAdminsMayRotate() {
        String id = create(unique("rot")).getString("id");
        admin().body(Map.of("overlapSeconds", 604801)).post("/api/v1/tokens/" + id + "/rotate").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("overlapSeconds"))
                .body("errors[0].message", equalTo("must be between 0 and 604800 (the old secret keeps working that"
                        + " long), was 604801"));
        admin().body(Map.of("overlapSeconds", -1)).post("/api/v1/tokens/" + id + "/rotate").then().statusCode(400)
                .body("errors[0].field", equalTo("overlapSeconds"));
        admin().body(Map.of("overlapSeconds", "soon")).post("/api/v1/tokens/" + id + "/rotate").then()
                .statusCode(400).body("errors[0].field", equalTo("overlapSeconds"));
        admin().body("{}").post("/api/v1/tokens/00000000-0000-0000-0000-000000000000/rotate").then()
                .statusCode(404).body("detail", equalTo("no token with id 00000000-0000-0000-0000-000000000000"));
        operator().body("{}").post("/api/v1/tokens/" + id + "/rotate").then().statusCode(403);
    }

    @Test
    void anExpiryBeyondTheYear9999IsRefusedBeforeTheDatabaseCanStoreItAsInfinity() {
        admin().body(Map.of("name", unique("far"), "role", "VIEWER", "expiresAt", "+300000-01-01T00:00:00Z"))
                .post("/api/v1/tokens").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("expiresAt"))
                .body("errors[0].message", equalTo("must be at most 9999-12-31T23:59:59Z, was +300000-01-01T00:00Z"));
    }

    @Test
    void aRevokedTokenStopsAtOnceOnThisReplicaThoughItsRowWasJustCached() {
        JsonPath created = create(unique("rev"));
        String secret = created.getString("token");
        assertEquals(200, statusWith(secret));
        admin().delete("/api/v1/tokens/" + created.getString("id")).then().statusCode(204);
        assertEquals(401, statusWith(secret));
    }

    @Test
    void aRowDeletedBehindTheApiIsTrustedOnlyUntilTheCacheForgetsIt() {
        String name = unique("gone");
        String secret = create(name).getString("token");
        assertEquals(200, statusWith(secret));
        sql("DELETE FROM api_token WHERE name = $1", name);
        assertEquals(200, statusWith(secret), "another replica's revoke is seen within the TTL, not before");
        resolved.forgetAll();
        assertEquals(401, statusWith(secret));
    }

    @Test
    void theBootstrapTokenIsRotatedThroughItsVariableNotTheApi() {
        Object id = listed("bootstrap-admin").get("id");
        admin().body("{}").post("/api/v1/tokens/" + id + "/rotate").then().statusCode(409)
                .body("detail", equalTo("the bootstrap admin token comes from MODELFLEET_ADMIN_TOKEN; change that"
                        + " variable and restart to rotate it"));
    }

    @Test
    void anExpiredTokenIsListedAsExpiredAndCannotBeRotatedBackToLife() {
        String name = unique("exp");
        JsonPath created = admin().body(Map.of("name", name, "role", "VIEWER", "expiresAt",
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString())).post("/api/v1/tokens").then()
                .statusCode(201).extract().jsonPath();
        assertEquals(false, listed(name).get("expired"));
        sql("UPDATE api_token SET expires_at = now() - interval '1 minute' WHERE name = $1", name);
        // Changed behind the API, as a write on another replica would be: this replica trusts the row it read for
        // modelfleet.security.token-cache-ttl (ResolvedTokensTest), so forget it to see the rule itself.
        resolved.forgetAll();
        assertEquals(true, listed(name).get("expired"));
        assertEquals(401, statusWith(created.getString("token")));
        admin().body("{}").post("/api/v1/tokens/" + created.getString("id") + "/rotate").then().statusCode(409)
                .body("detail", startsWith("token '" + name + "' expired at "));
    }

    @Test
    void lastUsedIsRecordedOnFirstUseAndNotRewrittenWithinTheMinute() throws InterruptedException {
        String name = unique("used");
        String secret = create(name).getString("token");
        assertNull(listed(name).get("lastUsedAt"), "never used yet");
        assertEquals(200, statusWith(secret));
        OffsetDateTime first = awaitLastUsed(name);
        assertNotNull(first);
        assertEquals(first.toInstant(), OffsetDateTime.parse((String) listed(name).get("lastUsedAt")).toInstant());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, statusWith(secret));
        }
        Thread.sleep(300);
        assertEquals(first, lastUsed(name), "uses within a minute of the last write write nothing");
    }

    private OffsetDateTime lastUsed(String name) {
        return pool.preparedQuery("SELECT last_used_at FROM api_token WHERE name = $1").execute(Tuple.of(name))
                .await().indefinitely().iterator().next().getOffsetDateTime("last_used_at");
    }

    /** The write is off the request's path, so it lands shortly after the response. */
    private OffsetDateTime awaitLastUsed(String name) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            OffsetDateTime value = lastUsed(name);
            if (value != null) {
                return value;
            }
            Thread.sleep(20);
        }
        return null;
    }
}
