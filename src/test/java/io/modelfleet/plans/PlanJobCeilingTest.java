package io.modelfleet.plans;

import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Design 004, I12: a RUNNING plan past created_at + timeLimitSeconds + a 60 s margin is failed even though its
 * heartbeat still beats (a wedged planner on a live control plane).
 */
@QuarkusTest
class PlanJobCeilingTest {

    @Inject
    Pool pool;

    @Inject
    PlanJobs jobs;

    private UUID running(double ageSeconds, double timeLimitSeconds) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO plan (id, created_at, status, total_hourly_cost_usd, deployments,"
                + " time_limit_seconds, snapshot, result, progress, heartbeat_at) VALUES ($1,"
                + " now() - make_interval(secs => $2), 'RUNNING', 0, '[\"x\"]', $3, '{}', '{}',"
                + " '{\"unitsSolved\":0,\"unitsTotal\":1,\"phase\":\"SOLVING\"}', now())")
                .execute(Tuple.of(id, ageSeconds, timeLimitSeconds)).await().indefinitely();
        return id;
    }

    @Test
    void aRunningPlanPastItsTimeLimitAndTheMarginIsFailedThoughItsHeartbeatBeats() {
        UUID wedged = running(75, 10);
        UUID withinMargin = running(65, 10);
        UUID longLimit = running(75, 60);
        try {
            int reaped = jobs.reapOverrun(PlanJobs.OVERRUN_MARGIN).await().indefinitely();
            assertTrue(reaped >= 1, "reaped " + reaped);
            viewer().get("/api/v1/plans/" + wedged).then().statusCode(200).body("status", equalTo("FAILED"))
                    .body("failure", equalTo("the plan ran past its time limit (10 s) plus a margin of 60 s;"
                            + " its planner is stuck"));
            viewer().get("/api/v1/plans/" + withinMargin).then().statusCode(200).body("status", equalTo("RUNNING"));
            viewer().get("/api/v1/plans/" + longLimit).then().statusCode(200).body("status", equalTo("RUNNING"));
            // The stale-heartbeat reaper leaves all three alone: each heartbeat is fresh.
            jobs.reap(PlanJobs.STALE_AFTER).await().indefinitely();
            viewer().get("/api/v1/plans/" + longLimit).then().statusCode(200).body("status", equalTo("RUNNING"));
        } finally {
            pool.preparedQuery("UPDATE plan SET status = 'FAILED', failure = 'test' WHERE id = ANY($1)").execute(Tuple.of(new UUID[] {withinMargin, longLimit})).await().indefinitely();
        }
    }
}
