package io.modelfleet.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes a data directory startable again after the control plane that ran a server on it was killed.
 *
 * <p>Rules, in order: a directory whose recorded owner JVM still runs (or whose zonky lock another live process
 * holds) is in use, and the start fails with {@link DataDirectoryInUseException}; a server of this directory that
 * still runs without its owner is a leftover, stopped with SIGINT (PostgreSQL's fast shutdown: open transactions
 * roll back, committed data stays) and SIGKILL if it has not exited {@link #FAST_SHUTDOWN} later; a lock file
 * naming a pid that now belongs to some other process is removed; one naming a process that is gone is left to
 * PostgreSQL, which replaces it after checking no old backend still uses the shared memory.
 */
final class LeftoverServerRecovery {

    /** What the data directory held, and what was done about it. */
    enum Outcome {
        NOTHING_LEFT_OVER,
        STALE_LOCK_FILE_LEFT_TO_POSTGRESQL,
        UNREADABLE_LOCK_FILE_REMOVED,
        LOCK_FILE_OF_REUSED_PID_REMOVED,
        LEFTOVER_SERVER_STOPPED
    }

    static final Duration FAST_SHUTDOWN = Duration.ofSeconds(15);
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);
    /** The file zonky's EmbeddedPostgres keeps locked in the data directory while its JVM runs the server. */
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Logger LOG = Logger.getLogger(LeftoverServerRecovery.class);

    private LeftoverServerRecovery() {
    }

    static Outcome recover(Path dataDirectory) throws IOException {
        Optional<DataDirectoryOwner> owner = DataDirectoryOwner.readFrom(dataDirectory);
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(dataDirectory);
        Optional<ProcessHandle> process = pidFile.flatMap(file -> ProcessHandle.of(file.pid()))
                .filter(Processes::isRunning);
        refuseIfInUse(dataDirectory, owner, pidFile.filter(file -> process.isPresent()));
        if (process.isEmpty()) {
            return clearLockFileOfGoneServer(dataDirectory, pidFile);
        }
        return switch (PostmasterIdentity.of(process.get(), pidFile.get(), dataDirectory)) {
            case THIS_DIRECTORYS_SERVER -> stopLeftover(process.get(), pidFile.get(), dataDirectory, owner);
            case SOME_OTHER_PROCESS -> removeLockFile(dataDirectory, Outcome.LOCK_FILE_OF_REUSED_PID_REMOVED,
                    "names pid " + pidFile.get().pid() + ", which now belongs to another process");
            case UNKNOWN -> throw new IllegalStateException(PostmasterPidFile.in(dataDirectory) + " names pid "
                    + pidFile.get().pid() + ", which runs but cannot be inspected to tell whether it is this"
                    + " directory's PostgreSQL server; stop that process, or delete the file if it is not PostgreSQL");
        };
    }

    private static void refuseIfInUse(Path dataDirectory, Optional<DataDirectoryOwner> owner,
            Optional<PostmasterPidFile> runningServer) throws IOException {
        if (owner.filter(DataDirectoryOwner::isCurrentJvm).isPresent()) {
            // The zonky lock is not probed here: closing a probe channel would drop this JVM's own lock on it.
            if (runningServer.isPresent()) {
                throw inUse(dataDirectory, "this JVM (pid " + owner.get().pid() + ")", runningServer);
            }
            return;
        }
        Optional<DataDirectoryOwner> liveOwner = owner.filter(DataDirectoryOwner::isAlive);
        if (liveOwner.isPresent()) {
            throw inUse(dataDirectory, "another live control plane (" + liveOwner.get().describe() + ")",
                    runningServer);
        }
        if (zonkyLockHeldElsewhere(dataDirectory)) {
            throw inUse(dataDirectory, "another live process, which holds the lock on "
                    + dataDirectory.resolve(ZONKY_LOCK), runningServer);
        }
    }

    private static DataDirectoryInUseException inUse(Path dataDirectory, String holder,
            Optional<PostmasterPidFile> runningServer) {
        String server = runningServer
                .map(file -> ", whose PostgreSQL server is pid " + file.pid() + " on port " + file.port())
                .orElse("");
        return new DataDirectoryInUseException("Embedded PostgreSQL data directory " + dataDirectory
                + " is in use by " + holder + server + ". Stop that control plane first, or set "
                + EmbeddedPostgresConfigSourceFactory.DATA_DIRECTORY + " to another directory.");
    }

    /** fcntl locks die with their process, whatever killed it, so a held lock means a live holder. */
    private static boolean zonkyLockHeldElsewhere(Path dataDirectory) throws IOException {
        Path lock = dataDirectory.resolve(ZONKY_LOCK);
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
                FileLock probe = channel.tryLock()) {
            return probe == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    private static Outcome clearLockFileOfGoneServer(Path dataDirectory, Optional<PostmasterPidFile> pidFile)
            throws IOException {
        if (!Files.exists(PostmasterPidFile.in(dataDirectory))) {
            return Outcome.NOTHING_LEFT_OVER;
        }
        if (pidFile.isEmpty()) {
            return removeLockFile(dataDirectory, Outcome.UNREADABLE_LOCK_FILE_REMOVED, "is empty or cut short");
        }
        LOG.infof("%s names pid %d, which is gone; PostgreSQL replaces the stale file on start",
                PostmasterPidFile.in(dataDirectory), pidFile.get().pid());
        return Outcome.STALE_LOCK_FILE_LEFT_TO_POSTGRESQL;
    }

    private static Outcome removeLockFile(Path dataDirectory, Outcome outcome, String why) throws IOException {
        Path file = PostmasterPidFile.in(dataDirectory);
        LOG.warnf("Removing %s: it %s, so no server of this directory runs", file, why);
        Files.deleteIfExists(file);
        return outcome;
    }

    private static Outcome stopLeftover(ProcessHandle server, PostmasterPidFile pidFile, Path dataDirectory,
            Optional<DataDirectoryOwner> owner) {
        LOG.warnf("Embedded PostgreSQL server pid %d (port %d) was left running on %s by %s, which is gone;"
                + " stopping it (fast shutdown) and starting again on the same data",
                pidFile.pid(), pidFile.port(), dataDirectory,
                owner.map(DataDirectoryOwner::describe).orElse("a control plane"));
        Processes.interrupt(server);
        if (Processes.awaitExit(server, FAST_SHUTDOWN)) {
            return Outcome.LEFTOVER_SERVER_STOPPED;
        }
        LOG.warnf("Embedded PostgreSQL server pid %d did not stop within %d s of SIGINT; killing it",
                pidFile.pid(), FAST_SHUTDOWN.toSeconds());
        server.destroyForcibly();
        if (!Processes.awaitExit(server, AFTER_KILL)) {
            throw new IllegalStateException("Could not stop the embedded PostgreSQL server pid " + pidFile.pid()
                    + " left running on " + dataDirectory + "; stop it by hand before starting again");
        }
        return Outcome.LEFTOVER_SERVER_STOPPED;
    }
}
