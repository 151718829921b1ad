package io.modelfleet.plans;

import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Design 004, I13: a stream whose plan makes no progress for a while still sends its progress event again, at
 * least every 15 s, so proxies do not close it as idle.
 */
@QuarkusTest
class PlanEventStreamKeepAliveTest {

    private static final String PROGRESS = "{\"unitsSolved\":1,\"unitsTotal\":4,\"bestCostUsd\":1.052,"
            + "\"boundUsd\":1.052,\"gap\":0.0,\"phase\":\"SOLVING\"}";

    @Inject
    Pool pool;

    @Test
    void aQuietStreamResendsItsProgressAtLeastEvery15Seconds() throws Exception {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO plan (id, created_at, status, total_hourly_cost_usd, deployments,"
                + " time_limit_seconds, snapshot, result, progress, heartbeat_at) VALUES ($1, now(), 'RUNNING', 0,"
                + " '[\"x\"]', 60, '{}', '{}', $2, now())").execute(Tuple.of(id, PROGRESS)).await().indefinitely();
        // The plan ends (as a job's final write would) 24 s from now without any change of its progress: the stream's
        // first event comes within the first seconds (later on a cold, loaded machine), its repeat 15 s after it,
        // and a second repeat would need 30 s.
        CompletableFuture<Void> ends = CompletableFuture.runAsync(() -> pool.preparedQuery(
                "UPDATE plan SET status = 'FAILED', failure = 'test' WHERE id = $1").execute(Tuple.of(id))
                .await().indefinitely(), CompletableFuture.delayedExecutor(24, TimeUnit.SECONDS));
        long started = System.nanoTime();
        String stream = viewer().accept("text/event-stream").get("/api/v1/plans/" + id + "/events").then()
                .statusCode(200).extract().asString();
        ends.get(5, TimeUnit.SECONDS);
        assertTrue((System.nanoTime() - started) / 1e9 >= 20, "the stream ended before the plan did");
        Matcher progress = Pattern.compile("event: ?progress\\s+data: ?(\\{[^\\n]*\\})").matcher(stream);
        int count = 0;
        while (progress.find()) {
            assertEquals(PROGRESS, progress.group(1));
            count++;
        }
        assertEquals(2, count, "the progress at once and again after 15 s quiet: " + stream);
        assertTrue(stream.trim().matches("(?s).*event: ?done\\s+data: ?\\{\"id\":\"" + id
                + "\",\"status\":\"FAILED\"\\}"), stream);
    }
}
