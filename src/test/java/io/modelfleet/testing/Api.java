package io.modelfleet.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * Request builders for the tests, one per role. Viewer and operator tokens are created once per JVM through the
 * real token API with the bootstrap admin token, so the tests exercise the same path a user does.
 */
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token";

    public enum As { ADMIN, OPERATOR, VIEWER }

    private static final Map<As, String> TOKENS = new EnumMap<>(As.class);

    private Api() {
    }

    public static RequestSpecification as(As role) {
        return given().auth().oauth2(token(role)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as(As.ADMIN);
    }

    public static RequestSpecification operator() {
        return as(As.OPERATOR);
    }

    public static RequestSpecification viewer() {
        return as(As.VIEWER);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static synchronized String token(As role) {
        if (role == As.ADMIN) {
            return ADMIN_TOKEN;
        }
        return TOKENS.computeIfAbsent(role, r -> given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", r.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8),
                        "role", r.name()))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token"));
    }

    /** A name no other test uses, so test classes sharing one database never collide. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
