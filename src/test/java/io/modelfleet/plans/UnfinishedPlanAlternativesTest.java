package io.modelfleet.plans;

import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Design 004, I10: the alternatives of a plan that has none yet (RUNNING) or never will (FAILED) are a 409. */
@QuarkusTest
class UnfinishedPlanAlternativesTest {

    @Inject
    Pool pool;

    private UUID insert(String status, String failure) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO plan (id, created_at, status, total_hourly_cost_usd, deployments,"
                + " time_limit_seconds, snapshot, result, failure, heartbeat_at) VALUES ($1, now(), $2, 0, '[\"x\"]',"
                + " 10, '{}', '{}', $3, now())").execute(Tuple.of(id, status, failure)).await().indefinitely();
        return id;
    }

    @Test
    void theAlternativesOfARunningOrFailedPlanAreAConflictNotAnEmptyPage() {
        UUID running = insert("RUNNING", null);
        UUID failed = insert("FAILED", "cancelled before any placement was found");
        try {
            viewer().get("/api/v1/plans/" + running + "/alternatives").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("plan " + running + " is RUNNING; wait until it is done"
                            + " (GET /api/v1/plans/" + running + ")"));
            viewer().queryParam("deployment", "x").get("/api/v1/plans/" + failed + "/alternatives").then()
                    .statusCode(409).contentType("application/problem+json")
                    .body("detail", equalTo("plan " + failed + " is FAILED (cancelled before any placement was"
                            + " found); it has no placements to use"));
        } finally {
            // Not left RUNNING for other tests' figures.
            pool.preparedQuery("UPDATE plan SET status = 'FAILED', failure = 'test' WHERE id = $1")
                    .execute(Tuple.of(running)).await().indefinitely();
        }
    }
}
