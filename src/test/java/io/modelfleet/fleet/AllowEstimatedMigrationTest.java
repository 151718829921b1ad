package io.modelfleet.fleet;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * V23 (design 007, B4): new deployments plan with measured rows only, and every deployment that existed when it ran
 * keeps planning with estimates as before. Flyway ran V23 on an empty table; its UPDATE is run again here, as
 * written in the migration file, inside a transaction that is rolled back: it touches every deployment, and the
 * database is shared with the other test classes.
 */
@QuarkusTest
class AllowEstimatedMigrationTest {

    private static final String MIGRATION = "db/migration/V23__allow_estimated.sql";

    @Inject
    Pool db;

    @Test
    void theColumnDefaultsToFalseAndTheMigrationGivesEveryExistingDeploymentConsent() throws IOException {
        assertEquals(List.of("boolean", "NO", "false"), column("model_deployment", "allow_estimated"));
        assertEquals(List.of("text", "YES", "none"), column("rollout", "warnings"));

        String hw = unique("c8mig");
        String model = unique("m");
        String cluster = unique("k");
        String existing = unique("d");
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + hw).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        operator().body(Fixtures.cluster("us-east-1", hw)).put("/api/v1/clusters/" + cluster).then()
                .statusCode(201);
        operator().body(Fixtures.deployment(model, cluster, 100)).put("/api/v1/deployments/" + existing).then()
                .statusCode(201).body("allowEstimated", equalTo(false));

        SqlConnection c = db.getConnection().await().indefinitely();
        try {
            Transaction tx = c.begin().await().indefinitely();
            List<String> updates = updates();
            assertEquals(1, updates.size(), "one UPDATE in V23");
            for (String update : updates) {
                c.query(update).execute().await().indefinitely();
            }
            assertEquals(true, allowEstimated(c, existing), "a deployment that exists when V23 runs gets consent");
            tx.rollback().await().indefinitely();
        } finally {
            c.close().await().indefinitely();
        }
        viewer().get("/api/v1/deployments/" + existing).then().statusCode(200).body("allowEstimated", equalTo(false));
    }

    private List<String> column(String table, String name) {
        Row r = db.preparedQuery("SELECT data_type, is_nullable, COALESCE(column_default, 'none')"
                + " FROM information_schema.columns WHERE table_name = $1 AND column_name = $2")
                .execute(Tuple.of(table, name)).await().indefinitely().iterator().next();
        return List.of(r.getString(0), r.getString(1), r.getString(2));
    }

    private static boolean allowEstimated(SqlConnection c, String deployment) {
        return c.preparedQuery("SELECT allow_estimated FROM model_deployment WHERE name = $1")
                .execute(Tuple.of(deployment)).await().indefinitely().iterator().next().getBoolean(0);
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
