package io.modelfleet.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * An embedded server this JVM owns: a server left on its data directory by a killed control plane is stopped
 * first ({@link LeftoverServerRecovery}), the directory then names this JVM as its owner ({@link
 * DataDirectoryOwner}), and a watchdog ({@link PostmasterWatchdog}) stops the server, and deletes a temporary
 * directory, if this JVM dies without closing it.
 */
final class OwnedPostgres implements Closeable {

    private static final Logger LOG = Logger.getLogger(OwnedPostgres.class);
    /** zonky's own stop waits 5 s for pg_ctl; this covers it and the process's last moments. */
    private static final Duration STOP = Duration.ofSeconds(10);

    private final EmbeddedPostgres server;
    private final Path dataDirectory;
    private final boolean temporary;
    private final ProcessHandle postmaster;
    private final Optional<PostmasterWatchdog> watchdog;

    private OwnedPostgres(EmbeddedPostgres server, Path dataDirectory, boolean temporary, ProcessHandle postmaster,
            Optional<PostmasterWatchdog> watchdog) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.postmaster = postmaster;
        this.watchdog = watchdog;
    }

    /**
     * Starts a server on the given directory, keeping an existing cluster there as it is (no initdb), or on a new
     * temporary directory that is deleted when the server stops.
     */
    static OwnedPostgres start(Optional<Path> dataDirectory) throws IOException {
        boolean temporary = dataDirectory.isEmpty();
        Path directory = temporary
                ? Files.createTempDirectory("modelfleet-pg-")
                : Files.createDirectories(dataDirectory.get().toAbsolutePath().normalize());
        if (!temporary) {
            LeftoverServerRecovery.recover(directory);
        }
        // initdb wants an empty directory, so the owner is recorded after the start; until then zonky's lock on
        // the directory is what tells another starter that this JVM is alive.
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(temporary)
                .start();
        try {
            if (!temporary) {
                DataDirectoryOwner.currentJvm().writeTo(directory);
            }
            PostmasterPidFile pidFile = PostmasterPidFile.read(directory).orElseThrow(() -> new IOException(
                    "Embedded PostgreSQL started but " + PostmasterPidFile.in(directory) + " cannot be read"));
            ProcessHandle postmaster = ProcessHandle.of(pidFile.pid()).orElseThrow(() -> new IOException(
                    "Embedded PostgreSQL server pid " + pidFile.pid() + " exited right after starting"));
            Optional<PostmasterWatchdog> watchdog = PostmasterWatchdog.start(directory, pidFile.pid(), temporary);
            return new OwnedPostgres(server, directory, temporary, postmaster, watchdog);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    int port() {
        return server.getPort();
    }

    DataSource database() {
        return server.getPostgresDatabase();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    boolean isTemporary() {
        return temporary;
    }

    long postmasterPid() {
        return postmaster.pid();
    }

    Optional<Long> watchdogPid() {
        return watchdog.map(PostmasterWatchdog::pid);
    }

    /**
     * Stops the server and releases the directory. The watchdog is released only once the postmaster is gone;
     * if it is not, the watchdog stays and stops it when this JVM exits.
     */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
        boolean stopped = Processes.awaitExit(postmaster, STOP);
        if (!temporary) {
            try {
                DataDirectoryOwner.removeFrom(dataDirectory);
            } catch (IOException e) {
                LOG.warnf("Could not remove %s from %s: %s", DataDirectoryOwner.FILE_NAME, dataDirectory,
                        e.getMessage());
            }
        }
        if (stopped) {
            watchdog.ifPresent(PostmasterWatchdog::release);
        } else {
            LOG.warnf("Embedded PostgreSQL server pid %d on %s still runs %d s after stop; its watchdog stops it"
                    + " when this JVM exits", postmaster.pid(), dataDirectory, STOP.toSeconds());
        }
    }
}
