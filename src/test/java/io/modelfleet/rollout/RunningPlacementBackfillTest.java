package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.testing.Fixtures;
import io.modelfleet.testing.SharedPoolFleet;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * V18's backfill, run on rows written the way they were before it (no batch size, no per-replica resources): from
 * the row's plan when it is stored, else the most any catalog benchmark of the (variant, hardware) takes per dimension, else
 * left null (design 006, I1 then counts a whole node per replica). The migration ran on an empty table; its
 * UPDATE statements are run again here, as written in the migration file.
 */
@QuarkusTest
class RunningPlacementBackfillTest {

    private static final String MIGRATION = "db/migration/V18__running_placement_resources.sql";

    @Inject
    Pool db;

    @Test
    void rowsRecordedBeforeV18GetTheirPlansBenchmarkElseTheCatalogsLargestElseNothing() throws IOException {
        SharedPoolFleet fleet = new SharedPoolFleet(10, true);
        String cluster = fleet.cluster(10);
        String mine = fleet.deployment(cluster, 400);
        // INT8 on gpu: 2 replicas at batch 16, 1 GPU, 2 vCPUs, 4 GiB each (0.30/h, the cheapest)
        String plan = operator().body(Map.of("deployments", List.of(mine))).post("/api/v1/plans").then()
                .statusCode(201).extract().path("id");
        Map<String, Object> twoBatches = new HashMap<>(Fixtures.variant("FP32", fleet.cpu));
        twoBatches.put("benchmarks", List.of(
                Map.of("hardware", fleet.cpu, "batchSize", 4, "p99LatencyMs", 20, "throughputRps", 90,
                        "acceleratorsPerReplica", 0, "vcpusPerReplica", 3, "memoryGiBPerReplica", 4),
                Map.of("hardware", fleet.cpu, "batchSize", 1, "p99LatencyMs", 10, "throughputRps", 40,
                        "acceleratorsPerReplica", 0, "vcpusPerReplica", 1.5, "memoryGiBPerReplica", 6)));
        String fp32 = operator().body(twoBatches).post("/api/v1/models/" + fleet.model + "/variants").then()
                .statusCode(201).extract().path("id");
        String planGone = unique("d");
        String nothingLeft = unique("d");
        try {
            insertOldRow(mine, cluster, UUID.fromString(plan), fleet.int8, fleet.gpu);
            insertOldRow(planGone, cluster, UUID.randomUUID(), fp32, fleet.cpu);
            insertOldRow(nothingLeft, cluster, UUID.randomUUID(), UUID.randomUUID().toString(), fleet.cpu);

            for (String update : updates()) {
                db.query(update).execute().await().indefinitely();
            }

            assertEquals(Arrays.asList(16, 1, 2.0, 4.0), recorded(mine, cluster));
            // the most of each: 3 vCPUs (batch 4) and 6 GiB (batch 1), never less than it may take; batch unknown
            assertEquals(Arrays.asList(null, 0, 3.0, 6.0), recorded(planGone, cluster));
            assertEquals(Arrays.asList(null, null, null, null), recorded(nothingLeft, cluster));
        } finally {
            for (String d : List.of(mine, planGone, nothingLeft)) {
                SharedPoolFleet.stopsRunning(db, d);
            }
        }
    }

    private void insertOldRow(String deployment, String cluster, UUID planId, String variantId, String hardware) {
        db.preparedQuery("INSERT INTO running_placement (deployment, cluster, rollout_id, plan_id, variant_id,"
                + " precision, hardware, pool, replicas, hourly_cost_usd, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, 'INT8', $6, 'gpu', 2, 0.3, $7)")
                .execute(Tuple.from(Arrays.asList(deployment, cluster, UUID.randomUUID(), planId, variantId, hardware,
                        OffsetDateTime.now()))).await().indefinitely();
    }

    private List<Object> recorded(String deployment, String cluster) {
        Row r = db.preparedQuery("SELECT batch_size, accelerators_per_replica, vcpus_per_replica,"
                + " memory_gib_per_replica FROM running_placement WHERE deployment = $1 AND cluster = $2")
                .execute(Tuple.of(deployment, cluster)).await().indefinitely().iterator().next();
        return Arrays.asList(r.getInteger(0), r.getInteger(1), r.getDouble(2), r.getDouble(3));
    }

    /** The migration's UPDATE statements, comments dropped. */
    private static List<String> updates() throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(MIGRATION)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.trim().startsWith("--")).collect(Collectors.joining("\n"));
            return Arrays.stream(sql.split(";")).map(String::trim).filter(s -> s.startsWith("UPDATE")).toList();
        }
    }
}
