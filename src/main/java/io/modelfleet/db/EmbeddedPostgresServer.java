package io.modelfleet.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One real PostgreSQL server per JVM, started from the zonky binaries jar.
 *
 * <p>It is a JVM-wide singleton because Quarkus dev mode restarts the application inside the same JVM on every
 * hot reload, and tests restart it for every test profile: the server must outlive those restarts. With a data
 * directory the cluster is kept on disk, so stopping and starting again keeps the data; without one a temporary
 * directory is used and removed on exit.
 *
 * <p>The server does not outlive the JVM and a killed JVM's server does not block the next start: see {@link
 * OwnedPostgres}.
 */
public final class EmbeddedPostgresServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    /** JVM-wide marker (a system property, so every class loader sees it) holding the running server's port. */
    private static final String SHARED_KEY = "io.modelfleet.embedded-postgres.port";
    private static OwnedPostgres running;
    private static Optional<Path> runningDataDirectory = Optional.empty();

    private EmbeddedPostgresServer() {
    }

    /** Starts the server once; later calls with the same directory return the running one. */
    public static synchronized ConnectionInfo start(Optional<Path> dataDirectory) {
        String shared = System.getProperty(SHARED_KEY);
        if (running == null && shared != null) {
            int port = Integer.parseInt(shared);
            // Started by this class in another class loader of the same JVM (Quarkus builds and runs the
            // application in separate loaders): reuse that server instead of starting a second one.
            return new ConnectionInfo("localhost", port, "postgres", "postgres", "postgres");
        }
        if (running != null) {
            if (!runningDataDirectory.equals(dataDirectory)) {
                LOG.warnf("Embedded PostgreSQL already runs on %s; ignoring request for %s",
                        runningDataDirectory.map(Path::toString).orElse("a temporary directory"),
                        dataDirectory.map(Path::toString).orElse("a temporary directory"));
            }
            return connectionInfo();
        }
        try {
            long started = System.nanoTime();
            running = open(dataDirectory);
            runningDataDirectory = dataDirectory;
            System.setProperty(SHARED_KEY, Integer.toString(running.port()));
            LOG.infof("Embedded PostgreSQL started on port %d (data in %s%s) in %d ms", running.port(),
                    running.dataDirectory(), running.isTemporary() ? ", temporary" : "",
                    (System.nanoTime() - started) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stop, "embedded-postgres-stop"));
            return connectionInfo();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server on "
                    + dataDirectory.map(Path::toString).orElse("a temporary directory"), e);
        }
    }

    /**
     * Starts a server of its own (not the shared one). An existing data directory is reused as it is, without
     * initdb, which is what keeps data across restarts.
     */
    static OwnedPostgres open(Optional<Path> dataDirectory) throws IOException {
        return OwnedPostgres.start(dataDirectory);
    }

    /** The server this class started in this class loader, if any. */
    static synchronized Optional<OwnedPostgres> running() {
        return Optional.ofNullable(running);
    }

    /** Stops the server; the data directory, when one was given, is kept. */
    public static synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } finally {
            running = null;
            runningDataDirectory = Optional.empty();
            System.clearProperty(SHARED_KEY);
        }
    }

    private static ConnectionInfo connectionInfo() {
        return new ConnectionInfo("localhost", running.port(), "postgres", "postgres", "postgres");
    }

    /** Where the embedded server listens and how to log in to it (local trust authentication). */
    public record ConnectionInfo(String host, int port, String database, String username, String password) {

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + database;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }
}
