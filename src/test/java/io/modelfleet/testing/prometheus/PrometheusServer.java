package io.modelfleet.testing.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.testing.RequiredPrograms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real {@code prometheus} binary (Debian's package, installed by {@link RequiredPrograms} when missing) on a
 * free loopback port, its TSDB in a temporary directory, scraping a {@link ScrapeTarget} every second. Each pod of
 * the target is a static target carrying the meta labels Kubernetes service discovery would give it, and the
 * relabel rules docs/rollouts.md shows ({@link #POD_RELABELING}) turn them into the labels the analysis queries
 * select on. Starts in about two seconds: share one per test class. {@link #close()} stops the process and deletes
 * the directory.
 */
public final class PrometheusServer implements AutoCloseable {

    /**
     * The relabel rules of docs/rollouts.md's kubernetes_sd_configs job: namespace, pod, and the pod labels
     * {@code modelfleet.io/deployment}, {@code app.kubernetes.io/instance} (the workload's name, as the rollout
     * engine labels pods) and {@code modelfleet.io/variant} as {@code modelfleet_io_deployment},
     * {@code modelfleet_io_workload} and {@code modelfleet_io_variant}.
     */
    public static final List<Map<String, Object>> POD_RELABELING = List.of(
            relabel("__meta_kubernetes_namespace", "namespace"),
            relabel("__meta_kubernetes_pod_name", "pod"),
            relabel("__meta_kubernetes_pod_label_modelfleet_io_deployment", "modelfleet_io_deployment"),
            relabel("__meta_kubernetes_pod_label_app_kubernetes_io_instance", "modelfleet_io_workload"),
            relabel("__meta_kubernetes_pod_label_modelfleet_io_variant", "modelfleet_io_variant"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);

    private final Process process;
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts Prometheus scraping every pod {@code target} has declared so far and its kube-state-metrics. */
    public static PrometheusServer start(ScrapeTarget target) {
        RequiredPrograms.ensure("prometheus", "prometheus");
        Path dir;
        try {
            dir = Files.createTempDirectory("modelfleet-prometheus-");
            Files.writeString(dir.resolve("prometheus.yml"), JSON.writeValueAsString(config(target)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Prometheus configuration", e);
        }
        int port = freePort();
        List<String> command = List.of("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        } catch (IOException e) {
            deleteTree(dir);
            throw new UncheckedIOException("could not start prometheus", e);
        }
        PrometheusServer server = new PrometheusServer(process, dir, port);
        server.awaitReady();
        return server;
    }

    /** The base URL, as a cluster's {@code metrics.prometheusUrl} names it. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Waits (polling, no fixed sleep) until the series {@code selector} selects has at least {@code samples}
     * samples in the last hour, every one of them if several match.
     */
    public void awaitSamples(String selector, int samples) {
        String query = "min(count_over_time(" + selector + "[1h]))";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode result = query(query).path("data").path("result");
            if (result.size() == 1 && Double.parseDouble(result.get(0).path("value").get(1).asText()) >= samples) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus has fewer than " + samples + " samples of " + selector
                        + " after 60 s: " + result + "\n" + log());
            }
            pause(100);
        }
    }

    /** Waits until {@code selector} selects no series at an instant query now (a removed series went stale). */
    public void awaitAbsent(String selector) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (query(selector).path("data").path("result").size() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(selector + " still has series after 30 s");
            }
            pause(100);
        }
    }

    /** An instant query now, the raw answer; for the harness's own waiting, not the code under test. */
    public JsonNode query(String promql) {
        URI uri = URI.create(url() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to " + promql
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Prometheus did not answer " + promql + "\n" + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What Prometheus printed (warnings and errors). */
    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        URI ready = URI.create(url() + "/-/ready");
        while (true) {
            if (!process.isAlive()) {
                String log = log();
                deleteTree(dir);
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for prometheus", e);
            }
            if (System.nanoTime() > deadline) {
                String log = log();
                close();
                throw new IllegalStateException("prometheus was not ready within " + READY_WITHIN + ":\n" + log);
            }
            pause(50);
        }
    }

    private static Map<String, Object> config(ScrapeTarget target) {
        List<Map<String, Object>> podTargets = new ArrayList<>();
        for (ScrapeTarget.Pod pod : target.pods()) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("__metrics_path__", pod.endpoint().path());
            labels.put("__meta_kubernetes_namespace", pod.namespace());
            labels.put("__meta_kubernetes_pod_name", pod.name());
            labels.put("__meta_kubernetes_pod_label_modelfleet_io_deployment", pod.deployment());
            labels.put("__meta_kubernetes_pod_label_app_kubernetes_io_instance", pod.workload());
            labels.put("__meta_kubernetes_pod_label_modelfleet_io_variant", pod.variant());
            podTargets.add(Map.of("targets", List.of(target.address()), "labels", labels));
        }
        Map<String, Object> pods = new LinkedHashMap<>();
        pods.put("job_name", "modelfleet-pods");
        pods.put("static_configs", podTargets);
        pods.put("relabel_configs", POD_RELABELING);
        Map<String, Object> kubeStateMetrics = new LinkedHashMap<>();
        kubeStateMetrics.put("job_name", "kube-state-metrics");
        kubeStateMetrics.put("honor_labels", true);
        kubeStateMetrics.put("metrics_path", target.kubeStateMetrics().path());
        kubeStateMetrics.put("static_configs", List.of(Map.of("targets", List.of(target.address()))));
        List<Map<String, Object>> jobs = new ArrayList<>();
        if (!podTargets.isEmpty()) {
            jobs.add(pods);
        }
        jobs.add(kubeStateMetrics);
        return Map.of("global", Map.of("scrape_interval", "1s", "scrape_timeout", "1s"), "scrape_configs", jobs);
    }

    private static Map<String, Object> relabel(String source, String target) {
        return Map.of("source_labels", List.of(source), "target_label", target);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }
}
