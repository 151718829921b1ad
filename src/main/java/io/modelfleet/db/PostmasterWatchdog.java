package io.modelfleet.db;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A small {@code /bin/sh} process that stops the embedded server when the JVM that started it dies, however it
 * dies: PostgreSQL runs in a session of its own (pg_ctl detaches it), so nothing else would stop it after a
 * SIGKILL.
 *
 * <p>The watchdog blocks reading its standard input, a pipe whose only writer is this JVM. The kernel closes that
 * pipe when the JVM exits, so the read ends at once, with no polling and no pid that could be reused. On end of
 * input it sends SIGINT to the postmaster (fast shutdown) if it still runs (the lock file names it and, where
 * /proc exists, its working directory is the data directory, so a pid reused after a crash of the server is left
 * alone), waits up to {@value #STOP_SECONDS} s for it to go, then SIGKILLs it, and deletes a temporary data
 * directory. It ignores SIGINT, SIGHUP and SIGTERM, so a Ctrl-C or a closed terminal that reaches the JVM's
 * process group does not take the watchdog down before it has done its job. On a normal stop this JVM writes
 * {@value #RELEASE} to it first, and it exits without touching anything.
 */
final class PostmasterWatchdog {

    private static final Logger LOG = Logger.getLogger(PostmasterWatchdog.class);
    private static final String RELEASE = "released";
    private static final int STOP_SECONDS = 15;
    private static final String SCRIPT = String.join("\n",
            "trap '' INT HUP TERM",
            "IFS= read -r word",
            "[ \"$word\" = " + RELEASE + " ] && exit 0",
            "data=$1 postmaster=$2 delete=$3",
            "runs_postmaster() {",
            "  [ -f \"$data/postmaster.pid\" ] || return 1",
            "  IFS= read -r recorded 2>/dev/null < \"$data/postmaster.pid\" || return 1",
            "  [ \"$recorded\" = \"$postmaster\" ] || return 1",
            "  [ -d /proc/self ] || return 0",
            "  [ \"/proc/$postmaster/cwd\" -ef \"$data\" ]",
            "}",
            "if runs_postmaster; then",
            "  kill -INT \"$postmaster\" 2>/dev/null",
            "  waited=0",
            "  while runs_postmaster && [ \"$waited\" -lt " + STOP_SECONDS + " ]; do",
            "    sleep 1",
            "    waited=$((waited + 1))",
            "  done",
            "  runs_postmaster && kill -KILL \"$postmaster\" 2>/dev/null",
            "fi",
            "[ \"$delete\" = delete ] && rm -rf \"$data\"",
            "exit 0");

    private final Process process;

    private PostmasterWatchdog(Process process) {
        this.process = process;
    }

    /**
     * Starts watching; empty where there is no POSIX shell (Windows), where a server outlives a killed JVM and
     * {@link LeftoverServerRecovery} stops it on the next start.
     */
    static Optional<PostmasterWatchdog> start(Path dataDirectory, long postmasterPid, boolean deleteDirectory)
            throws IOException {
        if (!Processes.hasPosixShell()) {
            LOG.infof("No /bin/sh: the embedded PostgreSQL server on %s is not stopped if this JVM is killed",
                    dataDirectory);
            return Optional.empty();
        }
        Process process = new ProcessBuilder(List.of("/bin/sh", "-c", SCRIPT, "modelfleet-pg-watchdog",
                dataDirectory.toString(), Long.toString(postmasterPid), deleteDirectory ? "delete" : "keep"))
                // Never a pipe back to this JVM: writing to one after the JVM died would kill the watchdog.
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return Optional.of(new PostmasterWatchdog(process));
    }

    long pid() {
        return process.pid();
    }

    /** Tells the watchdog the server was stopped normally, and waits briefly for it to exit. */
    void release() {
        try (OutputStream input = process.getOutputStream()) {
            input.write((RELEASE + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.debugf("Watchdog pid %d had already exited: %s", process.pid(), e.getMessage());
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
