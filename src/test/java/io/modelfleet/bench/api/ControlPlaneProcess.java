package io.modelfleet.bench.api;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged control plane ({@code target/quarkus-app/quarkus-run.jar}) in the prod profile, as production runs
 * it: its own JVM with default JIT and collector, configured only through environment variables.
 */
final class ControlPlaneProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "api-benchmark-admin-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ControlPlaneProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ControlPlaneProcess start(Path jar, int postgresPort, String database, Path workDir, List<String> jvmOptions) {
        int port = freePort();
        Path log = workDir.resolve("control-plane.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        var env = builder.environment();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + postgresPort + "/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + postgresPort + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("MODELFLEET_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("MODELFLEET_PROFILES_LOAD_ON_START", "false");
        env.put("MODELFLEET_GITOPS_ROOT", workDir.resolve("gitops").toString());
        try {
            ControlPlaneProcess app = new ControlPlaneProcess(builder.start(), port, log);
            app.awaitReady();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + jar, e);
        }
    }

    URI base() {
        return URI.create("http://localhost:" + port);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        HttpRequest ready = HttpRequest.newBuilder(base().resolve("/q/health/ready")).timeout(Duration.ofSeconds(2))
                .GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the control plane exited with " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the control plane", e);
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("the control plane was not ready within 120 s; see " + log);
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

    static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }
}
