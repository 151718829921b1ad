package io.modelfleet.db;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One {@link EmbeddedPostgresChild} JVM on the test class path, its report and its log (kept in the test's
 * directory, and shown when the child does not report in time).
 */
final class ChildControlPlane implements AutoCloseable {

    static final Duration REPORT_WITHIN = Duration.ofSeconds(40);

    private final Process process;
    private final Path report;
    private final Path log;

    private ChildControlPlane(Process process, Path report, Path log) {
        this.process = process;
        this.report = report;
        this.log = log;
    }

    /** Starts a child on {@code dataDirectory} (empty: a temporary one, made under {@code workDirectory}). */
    static ChildControlPlane start(Path workDirectory, String name, Optional<Path> dataDirectory, String row)
            throws IOException {
        Path report = workDirectory.resolve(name + ".report");
        Path log = workDirectory.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Djava.io.tmpdir=" + workDirectory,
                // zonky unpacks its binaries under java.io.tmpdir: point it at this JVM's copy, unpacked once.
                "-Dot.epg.working-dir=" + System.getProperty("ot.epg.working-dir",
                        Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()),
                "-cp", System.getProperty("java.class.path"),
                EmbeddedPostgresChild.class.getName(),
                report.toString(),
                dataDirectory.map(Path::toString).orElse(EmbeddedPostgresChild.TEMPORARY),
                row));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ChildControlPlane(process, report, log);
    }

    /** Waits for the child's report: the server it started, or why it could not start one. */
    Properties awaitReport() throws IOException {
        boolean reported = poll(REPORT_WITHIN, () -> Files.exists(report) || !process.isAlive());
        if (!Files.exists(report)) {
            throw new AssertionError("child " + process.pid() + (reported ? " exited " + process.exitValue() : "")
                    + " without a report; its log:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(report, StandardCharsets.UTF_8)));
        return properties;
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL on Linux: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Ends its standard input, on which it exits normally (shutdown hooks run); returns its exit code. */
    int exitNormally() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not exit within 30 s of its input ending");
        }
        return process.exitValue();
    }

    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + process.pid() + " still runs after " + within);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Polls every 50 ms; true as soon as the condition holds, false at the deadline. */
    static boolean poll(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
