package io.modelfleet.api;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.modelfleet.api.security.TokenHashes;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenResourceTest {

    @Inject
    Pool pool;

    @Test
    void createdTokenIsShownOnceStoredHashedAndWorksForItsRole() {
        String name = unique("ci");
        var created = admin().body(Map.of("name", name, "role", "VIEWER")).post("/api/v1/tokens")
                .then().statusCode(201).body("token", startsWith("mft_")).body("role", equalTo("VIEWER"))
                .extract().jsonPath();
        String secret = created.getString("token");
        String id = created.getString("id");

        List<Map<String, Object>> listed = admin().queryParam("size", 500).get("/api/v1/tokens").then()
                .statusCode(200).body("items", not(org.hamcrest.Matchers.hasItem(hasKey("token"))))
                .extract().jsonPath().getList("items");
        assertFalse(listed.toString().contains(secret), "the list never shows a secret");

        var row = pool.preparedQuery("SELECT token_hash FROM api_token WHERE id = $1::uuid").execute(Tuple.of(id))
                .await().indefinitely().iterator().next();
        assertEquals(TokenHashes.sha256(secret), row.getString("token_hash"));

        given().auth().oauth2(secret).get("/api/v1/hardware-profiles").then().statusCode(200);
        given().auth().oauth2(secret).contentType("application/json").body("{}")
                .put("/api/v1/models/x").then().statusCode(403);

        admin().delete("/api/v1/tokens/" + id).then().statusCode(204);
        given().auth().oauth2(secret).get("/api/v1/hardware-profiles").then().statusCode(401);
    }

    @Test
    void expiredTokenIsRejected() {
        String name = unique("short");
        String secret = admin().body(Map.of("name", name, "role", "VIEWER",
                "expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1).toString()))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        pool.preparedQuery("UPDATE api_token SET expires_at = now() - interval '1 minute' WHERE name = $1")
                .execute(Tuple.of(name)).await().indefinitely();
        given().auth().oauth2(secret).get("/api/v1/models").then().statusCode(401)
                .body("detail", equalTo("the API token is unknown, revoked or expired"));
    }

    @Test
    void tokenRequestsAreValidated() {
        admin().body(Map.of("name", "Bad Name", "role", "VIEWER")).post("/api/v1/tokens").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        admin().body(Map.of("name", unique("t"), "role", "ROOT")).post("/api/v1/tokens").then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
        admin().body(Map.of("name", unique("t"), "role", "ADMIN", "expiresAt", "2001-01-01T00:00:00Z"))
                .post("/api/v1/tokens").then().statusCode(400).body("errors[0].field", equalTo("expiresAt"));
        admin().body(Map.of("name", unique("t"), "role", "ADMIN", "expiresAt", "next tuesday"))
                .post("/api/v1/tokens").then().statusCode(400).body("errors[0].field", equalTo("expiresAt"))
                .body("errors[0].message", equalTo("expected an ISO-8601 date-time such as 2027-01-01T00:00:00Z"));
        String name = unique("dup");
        admin().body(Map.of("name", name, "role", "VIEWER")).post("/api/v1/tokens").then().statusCode(201);
        admin().body(Map.of("name", name, "role", "VIEWER")).post("/api/v1/tokens").then().statusCode(409);
    }

    @Test
    void bootstrapTokenCannotBeRevokedThroughTheApi() {
        List<Map<String, Object>> tokens = admin().queryParam("size", 500).get("/api/v1/tokens").then()
                .extract().jsonPath().getList("items");
        Object id = tokens.stream().filter(t -> "bootstrap-admin".equals(t.get("name"))).findFirst().orElseThrow()
                .get("id");
        admin().delete("/api/v1/tokens/" + id).then().statusCode(409);
    }

    @Test
    void hintsNeverRevealAShortToken() {
        assertEquals("mft_abcd…", TokenHashes.hint("mft_abcdefghijklmnopqrstuvwxyz0123456789"));
        assertEquals("s…", TokenHashes.hint("short"), "at most a quarter of a short token, and never more than 2");
        assertEquals("de…", TokenHashes.hint("dev-admin-token"));
    }

    @Test
    void nonBearerAuthorizationIs401() {
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/models").then().statusCode(401);
    }
}
