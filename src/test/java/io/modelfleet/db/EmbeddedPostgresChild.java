package io.modelfleet.db;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A control plane stand-in run as its own JVM by {@link ChildControlPlane}: it starts the shared embedded server
 * the way {@link EmbeddedPostgresConfigSourceFactory} does, adds a row, writes a report and then waits like a
 * running control plane until its standard input ends (a normal exit) or it is killed.
 *
 * <p>Arguments: the report file, the data directory (or {@value #TEMPORARY}), the row to add.
 */
public final class EmbeddedPostgresChild {

    static final String TEMPORARY = "temporary";
    static final int IN_USE_EXIT_CODE = 3;

    private EmbeddedPostgresChild() {
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        Optional<Path> dataDirectory = TEMPORARY.equals(args[1]) ? Optional.empty() : Optional.of(Path.of(args[1]));
        EmbeddedPostgresServer.ConnectionInfo db;
        try {
            db = EmbeddedPostgresServer.start(dataDirectory);
        } catch (DataDirectoryInUseException e) {
            write(report, "failure=" + e.getMessage());
            System.exit(IN_USE_EXIT_CODE);
            return;
        }
        OwnedPostgres server = EmbeddedPostgresServer.running().orElseThrow();
        List<String> rows = addRow(db, args[2]);
        write(report, String.join("\n",
                "port=" + db.port(),
                "postmaster=" + server.postmasterPid(),
                "watchdog=" + server.watchdogPid().map(String::valueOf).orElse(""),
                "dataDirectory=" + server.dataDirectory(),
                "rows=" + String.join(",", rows)));
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.exit(0);
    }

    private static List<String> addRow(EmbeddedPostgresServer.ConnectionInfo db, String row) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS survivor (id serial PRIMARY KEY, name text NOT NULL)");
            s.execute("INSERT INTO survivor (name) VALUES ('" + row + "')");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM survivor ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

    /** Moved into place whole, so the test never reads half a report. */
    private static void write(Path report, String properties) throws Exception {
        Path partial = Files.writeString(report.resolveSibling(report.getFileName() + ".partial"),
                properties.replace("\\", "\\\\") + "\n");
        Files.move(partial, report, StandardCopyOption.ATOMIC_MOVE);
    }
}
