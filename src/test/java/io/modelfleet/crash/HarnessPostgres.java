package io.modelfleet.crash;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL the control-plane processes use, running in the harness JVM. Each scenario's v1 state is one
 * database, and every cell of it runs on a copy (CREATE DATABASE ... TEMPLATE is a file copy: cheaper than
 * rolling v1 out again, and cleaner than truncating a schema that Flyway owns), dropped when the cell is over.
 */
final class HarnessPostgres implements AutoCloseable {

    private final EmbeddedPostgres server;

    HarnessPostgres() {
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the harness's embedded PostgreSQL", e);
        }
    }

    int port() {
        return server.getPort();
    }

    String createDatabase(String name) {
        execute("CREATE DATABASE " + name);
        return name;
    }

    /** A copy of {@code template}, retried while the backends of a just-killed process are still exiting. */
    String copyDatabase(String template, String name) {
        for (int attempt = 1;; attempt++) {
            try {
                execute("CREATE DATABASE " + name + " TEMPLATE " + template);
                return name;
            } catch (IllegalStateException e) {
                if (attempt == 50) {
                    throw e;
                }
                AppProcess.sleep(100);
            }
        }
    }

    void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Rows of the per-deployment lock still held by a rollout (invariant: none once it is terminal). */
    int lockRows(String database, UUID rollout) {
        try (Connection c = server.getDatabase("postgres", database).getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM active_rollout_deployment WHERE rollout_id = ?")) {
            s.setObject(1, rollout);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read active_rollout_deployment in " + database, e);
        }
    }

    private void execute(String sql) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
