package io.modelfleet.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Process checks and signals that {@link ProcessHandle} lacks: zombies counted as gone, and SIGINT. */
final class Processes {

    private static final Path SHELL = Path.of("/bin/sh");
    private static final Duration POLL = Duration.ofMillis(50);

    private Processes() {
    }

    /**
     * Whether the process still runs. {@link ProcessHandle#isAlive()} is also true for a zombie: a postmaster that
     * exited after its parent died stays one until init reaps it, and some container inits never do.
     */
    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    /** Polls until the process is gone; true if it went within the timeout. */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process);
            }
        }
        return true;
    }

    /**
     * Sends SIGINT (PostgreSQL's "fast shutdown") through the shell's kill builtin, since Java can only send
     * SIGTERM and SIGKILL. Without a POSIX shell it falls back to SIGTERM ("smart shutdown", which also ends a
     * server whose clients died with their JVM).
     */
    static void interrupt(ProcessHandle process) {
        if (!hasPosixShell()) {
            process.destroy();
            return;
        }
        try {
            Process kill = new ProcessBuilder(List.of(SHELL.toString(), "-c", "kill -INT \"$1\"", "modelfleet-kill",
                    Long.toString(process.pid())))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor();
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean hasPosixShell() {
        return !System.getProperty("os.name", "").startsWith("Windows") && Files.isExecutable(SHELL);
    }

    /** Linux only: the state letter after the command name in /proc/PID/stat; elsewhere nothing is a zombie. */
    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String line = Files.readString(stat);
            int end = line.lastIndexOf(')');
            if (end < 0 || end + 2 >= line.length()) {
                return false;
            }
            char state = line.charAt(end + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
