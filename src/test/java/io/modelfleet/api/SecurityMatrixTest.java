package io.modelfleet.api;

import static io.modelfleet.testing.Api.anonymous;
import static io.modelfleet.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import io.modelfleet.testing.Api.As;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint, every role: anonymous and bad tokens get 401, a role below the endpoint's gets 403, a
 * sufficient role gets past security (whatever the handler then answers: 2xx, 400 or 404, never 401/403).
 */
@QuarkusTest
class SecurityMatrixTest {

    private static final String ID = UUID.randomUUID().toString();

    /** method, path, least role allowed. */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/hardware-profiles", As.VIEWER),
                Arguments.of("GET", "/api/v1/hardware-profiles/x", As.VIEWER),
                Arguments.of("PUT", "/api/v1/hardware-profiles/x", As.OPERATOR),
                Arguments.of("DELETE", "/api/v1/hardware-profiles/x", As.OPERATOR),
                Arguments.of("GET", "/api/v1/models", As.VIEWER),
                Arguments.of("GET", "/api/v1/models/x", As.VIEWER),
                Arguments.of("PUT", "/api/v1/models/x", As.OPERATOR),
                Arguments.of("DELETE", "/api/v1/models/x", As.OPERATOR),
                Arguments.of("GET", "/api/v1/models/x/variants", As.VIEWER),
                Arguments.of("POST", "/api/v1/models/x/variants", As.OPERATOR),
                Arguments.of("GET", "/api/v1/models/x/variants/" + ID, As.VIEWER),
                Arguments.of("PUT", "/api/v1/models/x/variants/" + ID, As.OPERATOR),
                Arguments.of("DELETE", "/api/v1/models/x/variants/" + ID, As.OPERATOR),
                Arguments.of("POST", "/api/v1/models/x/variants/" + ID + "/benchmarks", As.OPERATOR),
                Arguments.of("POST", "/api/v1/models/x/variants/" + ID + "/benchmarks/import", As.OPERATOR),
                Arguments.of("POST", "/api/v1/models/x/variants/" + ID + "/benchmarks/estimate", As.OPERATOR),
                Arguments.of("GET", "/api/v1/clusters", As.VIEWER),
                Arguments.of("GET", "/api/v1/clusters/x", As.VIEWER),
                Arguments.of("PUT", "/api/v1/clusters/x", As.OPERATOR),
                Arguments.of("DELETE", "/api/v1/clusters/x", As.OPERATOR),
                Arguments.of("GET", "/api/v1/deployments", As.VIEWER),
                Arguments.of("GET", "/api/v1/deployments/x", As.VIEWER),
                Arguments.of("PUT", "/api/v1/deployments/x", As.OPERATOR),
                Arguments.of("DELETE", "/api/v1/deployments/x", As.OPERATOR),
                Arguments.of("POST", "/api/v1/import", As.OPERATOR),
                Arguments.of("POST", "/api/v1/pricing/refresh?region=xx-test-1", As.OPERATOR),
                Arguments.of("POST", "/api/v1/clusters/discover", As.OPERATOR),
                Arguments.of("GET", "/api/v1/quotas", As.VIEWER),
                Arguments.of("PUT", "/api/v1/quotas/us-east-1/L-DB2E81BA", As.OPERATOR),
                Arguments.of("DELETE", "/api/v1/quotas/us-east-1/L-DB2E81BA", As.OPERATOR),
                Arguments.of("POST", "/api/v1/quotas/refresh?region=xx-test-1", As.OPERATOR),
                Arguments.of("POST", "/api/v1/models/x/variants/" + ID + "/verify", As.OPERATOR),
                Arguments.of("POST", "/api/v1/plans", As.OPERATOR),
                Arguments.of("GET", "/api/v1/plans", As.VIEWER),
                Arguments.of("GET", "/api/v1/plans/" + ID, As.VIEWER),
                Arguments.of("GET", "/api/v1/plans/" + ID + "/diff", As.VIEWER),
                Arguments.of("POST", "/api/v1/plans/" + ID + "/profiling-runs", As.OPERATOR),
                Arguments.of("GET", "/api/v1/plans/" + ID + "/alternatives", As.VIEWER),
                Arguments.of("GET", "/api/v1/plans/" + ID + "/nodes", As.VIEWER),
                Arguments.of("GET", "/api/v1/me", As.VIEWER),
                Arguments.of("GET", "/api/v1/fleet/running", As.VIEWER),
                Arguments.of("GET", "/api/v1/catalog/frontier", As.VIEWER),
                Arguments.of("GET", "/api/v1/plans/" + ID + "/events", As.VIEWER),
                Arguments.of("POST", "/api/v1/plans/" + ID + "/cancel", As.OPERATOR),
                Arguments.of("DELETE", "/api/v1/plans/" + ID, As.OPERATOR),
                Arguments.of("POST", "/api/v1/deployments/x/upgrade", As.OPERATOR),
                Arguments.of("POST", "/api/v1/rollouts", As.OPERATOR),
                Arguments.of("GET", "/api/v1/rollouts", As.VIEWER),
                Arguments.of("GET", "/api/v1/rollouts/" + ID, As.VIEWER),
                Arguments.of("POST", "/api/v1/rollouts/" + ID + "/pause", As.OPERATOR),
                Arguments.of("POST", "/api/v1/rollouts/" + ID + "/resume", As.OPERATOR),
                Arguments.of("POST", "/api/v1/rollouts/" + ID + "/abort", As.OPERATOR),
                Arguments.of("GET", "/api/v1/recommendations", As.VIEWER),
                Arguments.of("GET", "/api/v1/recommendations/status", As.OPERATOR),
                Arguments.of("GET", "/api/v1/recommendations/" + ID, As.VIEWER),
                Arguments.of("POST", "/api/v1/recommendations/" + ID + "/accept", As.OPERATOR),
                Arguments.of("POST", "/api/v1/recommendations/" + ID + "/dismiss", As.OPERATOR),
                Arguments.of("GET", "/api/v1/models/x/variants/" + ID + "/profiling-runs", As.VIEWER),
                Arguments.of("POST", "/api/v1/models/x/variants/" + ID + "/profiling-runs", As.OPERATOR),
                Arguments.of("GET", "/api/v1/profiling-runs/" + ID, As.VIEWER),
                Arguments.of("POST", "/api/v1/profiling-runs/" + ID + "/cancel", As.OPERATOR),
                Arguments.of("POST", "/api/v1/profiling-runs/" + ID + "/results", As.OPERATOR),
                Arguments.of("GET", "/api/v1/tokens", As.ADMIN),
                Arguments.of("POST", "/api/v1/tokens", As.ADMIN),
                Arguments.of("POST", "/api/v1/tokens/" + ID + "/rotate", As.ADMIN),
                Arguments.of("DELETE", "/api/v1/tokens/" + ID, As.ADMIN),
                Arguments.of("GET", "/api/v1/audit", As.ADMIN));
    }

    @ParameterizedTest(name = "{0} {1} without a token is 401")
    @MethodSource("endpoints")
    void anonymousIs401(String method, String path, As least) {
        call(anonymous(), method, path).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"modelfleet\"");
    }

    @ParameterizedTest(name = "{0} {1} with an unknown token is 401")
    @MethodSource("endpoints")
    void unknownTokenIs401(String method, String path, As least) {
        call(given().auth().oauth2("mft_not-a-real-token").contentType("application/json"), method, path)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @MethodSource("endpoints")
    void rolesBelowTheLeastAreForbiddenAndTheRestPass(String method, String path, As least) {
        for (As role : List.of(As.VIEWER, As.OPERATOR, As.ADMIN)) {
            Response response = call(as(role), method, path);
            if (role.ordinal() > least.ordinal()) {
                response.then().statusCode(403).contentType("application/problem+json")
                        .body("status", equalTo(403));
            } else {
                response.then().statusCode(not(oneOf(401, 403)));
            }
        }
    }

    private static Response call(RequestSpecification request, String method, String path) {
        if (path.endsWith("/events")) {
            // An event stream is all the endpoint produces: asked for JSON it would be a 406 before security.
            request = request.accept("text/event-stream");
        }
        return switch (method) {
            case "GET" -> request.get(path);
            case "DELETE" -> request.delete(path);
            case "PUT" -> request.body("{}").put(path);
            default -> request.body("{}").post(path);
        };
    }
}
