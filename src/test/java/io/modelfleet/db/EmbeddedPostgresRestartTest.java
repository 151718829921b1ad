package io.modelfleet.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dev control plane keeps its data in a directory: stop the server, start it on the same directory, and the
 * schema (at the same Flyway version) and the rows are still there.
 */
class EmbeddedPostgresRestartTest {

    @TempDir
    Path dir;

    @Test
    void restartOnTheSameDataDirectoryKeepsSchemaAndData() throws Exception {
        Path data = dir.resolve("pgdata");
        try (OwnedPostgres first = EmbeddedPostgresServer.open(Optional.of(data))) {
            migrate(first);
            try (Connection c = first.database().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO model (name, task, accuracy_metric, revision, created_at, updated_at)"
                        + " VALUES ('kept', 'image-classification', 'top1', 0, now(), now())");
            }
        }
        assertEquals(true, Files.exists(data.resolve("PG_VERSION")));
        try (OwnedPostgres second = EmbeddedPostgresServer.open(Optional.of(data))) {
            assertEquals(0, migrate(second), "no migration runs again on restart");
            try (Connection c = second.database().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT task FROM model WHERE name = 'kept'")) {
                rs.next();
                assertEquals("image-classification", rs.getString(1));
            }
        }
    }

    private static int migrate(OwnedPostgres pg) {
        return Flyway.configure().dataSource(pg.database()).locations("classpath:db/migration").load()
                .migrate().migrationsExecuted;
    }
}
