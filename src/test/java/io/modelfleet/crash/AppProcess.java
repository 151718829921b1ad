package io.modelfleet.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The packaged control plane ({@code target/quarkus-app/quarkus-run.jar}, prod profile) as a process of its own,
 * configured entirely through environment variables, with its output in a log file. {@link #kill()} is SIGKILL:
 * no shutdown hook, no transaction finished, no lease released.
 */
final class AppProcess {

    static final String ADMIN_TOKEN = "crash-matrix-admin-token";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** A readiness probe costs the starting process almost nothing; a late one costs the cell its wait. */
    private static final long READY_POLL_MILLIS = 25;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;
    private final long launchedNanos = System.nanoTime();
    private double startSeconds;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * What differs between the processes of one cell: the database, the kubeconfig and the failpoint; and the class
     * data sharing archive every process of a harness run shares ({@link #stop()} writes it once).
     */
    record Settings(Path jar, int postgresPort, String database, Path kubeconfig, Path workDir,
            OptionalInt haltAfterTransition, Path markerFile, Path classArchive) {
    }

    static AppProcess start(Settings s, String logName) {
        int port = freePort();
        Path log = s.workDir().resolve(logName + ".log");
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + s.postgresPort() + "/" + s.database());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + s.postgresPort() + "/" + s.database());
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("MODELFLEET_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("MODELFLEET_PROFILES_LOAD_ON_START", "false");
        env.put("MODELFLEET_GITOPS_ROOT", s.workDir().resolve("gitops").toString());
        env.put("KUBECONFIG", s.kubeconfig().toString());
        env.put("MODELFLEET_ROLLOUT_ENGINE_ENABLED", "true");
        // The Quarkus scheduler checks its triggers once a second: 1 s is the shortest tick there is.
        env.put("MODELFLEET_ROLLOUT_TICK_INTERVAL", "1s");
        // Short enough that a restarted process re-claims the rollout its killed predecessor held within seconds.
        env.put("MODELFLEET_ROLLOUT_LEASE", "3s");
        env.put("MODELFLEET_ROLLOUT_RETRY_BACKOFF", "0.1s");
        // Without a halt, the failpoint traces every committed transition to the marker file (boundary names).
        env.put("MODELFLEET_ROLLOUT_FAILPOINT_MARKER_FILE", s.markerFile().toString());
        s.haltAfterTransition().ifPresent(n -> env.put("MODELFLEET_ROLLOUT_FAILPOINT_HALT_AFTER_TRANSITION",
                Integer.toString(n)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and the serial collector: these processes live seconds, and the machine has two cores. The classes
        // of a start come from the archive the run's first process wrote at its clean exit: fewer to load and verify.
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx384m", "-XX:-UsePerfData", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        command.add(Files.isRegularFile(s.classArchive()) ? "-XX:SharedArchiveFile=" + s.classArchive()
                : "-XX:ArchiveClassesAtExit=" + s.classArchive());
        command.addAll(List.of("-jar", s.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(s.workDir().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            AppProcess app = new AppProcess(builder.start(), port, log);
            app.awaitReady();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + s.jar(), e);
        }
    }

    /** From launching the JVM to the first ready answer. */
    double startSeconds() {
        return startSeconds;
    }

    URI base() {
        return URI.create("http://localhost:" + port);
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * SIGTERM, then wait until the process has exited: Quarkus shuts down and the JVM writes the class archive if
     * this process was the one asked to. Only for processes that are not under test.
     */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for process " + process.pid() + " to exit", e);
        }
    }

    /** SIGKILL, then wait until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for process " + process.pid() + " to exit", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(base().resolve("/q/health/ready")).timeout(Duration.ofSeconds(2))
                .GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the control plane exited with " + process.exitValue()
                        + " before it was ready; its log: " + log + "\n" + tail());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startSeconds = (System.nanoTime() - launchedNanos) / 1e9;
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the control plane", e);
            }
            sleep(READY_POLL_MILLIS);
        }
        kill();
        throw new IllegalStateException("the control plane was not ready within " + READY_TIMEOUT.toSeconds()
                + " s; its log: " + log + "\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
