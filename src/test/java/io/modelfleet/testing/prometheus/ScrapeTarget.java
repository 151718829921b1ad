package io.modelfleet.testing.prometheus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the real Prometheus scrapes in tests: a JDK HTTP server on a free loopback port serving, in the Prometheus
 * text format, one endpoint per simulated pod ({@code /metrics/pods/<pod>}) and one for kube-state-metrics
 * ({@code /metrics/kube-state-metrics}). The test sets the series. A counter grows at a chosen rate per second:
 * every counter of one pod is computed from one clock reading per scrape and all share the target's start instant,
 * so the ratio of two counters' increases (an error ratio, a histogram's bucket fractions) is exactly the ratio of
 * their rates whatever Prometheus's extrapolation does.
 */
public final class ScrapeTarget implements AutoCloseable {

    /** A scraped endpoint: its series, grouped by metric family as the text format requires. */
    public final class Endpoint {

        private final String path;
        private final Map<String, Family> families = new LinkedHashMap<>();

        private Endpoint(String path) {
            this.path = path;
        }

        String path() {
            return path;
        }

        /** A gauge with a fixed value (NaN and infinities allowed). */
        public Endpoint gauge(String name, Map<String, String> labels, double value) {
            put(name, "gauge", name, labels, new Series(value, 0));
            return this;
        }

        /** A counter that grows by {@code perSecond} every second from the target's start. */
        public Endpoint counter(String name, Map<String, String> labels, double perSecond) {
            put(name, "counter", name, labels, new Series(0, perSecond));
            return this;
        }

        /**
         * A histogram whose cumulative bucket counters grow at the given rates per second, keyed by upper bound
         * ({@code Double.POSITIVE_INFINITY} for +Inf, which is also the _count rate); _sum grows at
         * {@code sumPerSecond}.
         */
        public Endpoint histogram(String name, Map<String, String> labels, SortedMap<Double, Double> bucketRates,
                double sumPerSecond) {
            synchronized (ScrapeTarget.this) {
                for (Map.Entry<Double, Double> bucket : bucketRates.entrySet()) {
                    Map<String, String> withLe = new TreeMap<>(labels);
                    withLe.put("le", le(bucket.getKey()));
                    put(name, "histogram", name + "_bucket", withLe, new Series(0, bucket.getValue()));
                }
                put(name, "histogram", name + "_count", labels,
                        new Series(0, bucketRates.get(Double.POSITIVE_INFINITY)));
                put(name, "histogram", name + "_sum", labels, new Series(0, sumPerSecond));
            }
            return this;
        }

        /** A summary's quantile lines with fixed values (e.g. Triton's nv_inference_request_summary_us). */
        public Endpoint summary(String name, Map<String, String> labels, Map<Double, Double> quantiles) {
            synchronized (ScrapeTarget.this) {
                for (Map.Entry<Double, Double> q : quantiles.entrySet()) {
                    Map<String, String> withQuantile = new TreeMap<>(labels);
                    withQuantile.put("quantile", Double.toString(q.getKey()));
                    put(name, "summary", name, withQuantile, new Series(q.getValue(), 0));
                }
            }
            return this;
        }

        /** Stops serving every series of the family {@code name} (Prometheus marks them stale at the next scrape). */
        public Endpoint remove(String name) {
            synchronized (ScrapeTarget.this) {
                families.remove(name);
            }
            return this;
        }

        private void put(String family, String type, String sample, Map<String, String> labels, Series series) {
            synchronized (ScrapeTarget.this) {
                families.computeIfAbsent(family, f -> new Family(type)).series
                        .put(sample + labelText(labels), series);
            }
        }

        private String exposition(double elapsedSeconds) {
            StringBuilder out = new StringBuilder();
            synchronized (ScrapeTarget.this) {
                families.forEach((name, family) -> {
                    out.append("# TYPE ").append(name).append(' ').append(family.type).append('\n');
                    family.series.forEach((sample, series) -> out.append(sample).append(' ')
                            .append(number(series.value(elapsedSeconds))).append('\n'));
                });
            }
            return out.toString();
        }
    }

    /**
     * A pod as the relabeled scrape config shows it: namespace, pod name and its ModelFleet labels (deployment,
     * workload from app.kubernetes.io/instance, and the variant its template runs).
     */
    public record Pod(String namespace, String name, String deployment, String workload, String variant,
            Endpoint endpoint) {
    }

    private record Family(String type, Map<String, Series> series) {
        Family(String type) {
            this(type, new TreeMap<>());
        }
    }

    /** {@code start + perSecond × elapsed}: a gauge has rate 0. */
    private record Series(double start, double perSecond) {
        double value(double elapsedSeconds) {
            return perSecond == 0 ? start : start + perSecond * elapsedSeconds;
        }
    }

    private final HttpServer server;
    private final long startNanos = System.nanoTime();
    private final List<Pod> pods = new ArrayList<>();
    private final Endpoint kubeStateMetrics = new Endpoint("/metrics/kube-state-metrics");

    private ScrapeTarget(HttpServer server) {
        this.server = server;
    }

    public static ScrapeTarget start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ScrapeTarget target = new ScrapeTarget(server);
            server.createContext("/metrics/", exchange -> {
                Endpoint endpoint = target.endpoint(exchange.getRequestURI().getPath());
                byte[] body = endpoint == null ? new byte[0]
                        : endpoint.exposition(target.elapsedSeconds()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(endpoint == null ? 404 : 200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the scrape target", e);
        }
    }

    /** Declares a pod; declare every pod before starting the {@link PrometheusServer} that scrapes them. */
    public synchronized Pod pod(String namespace, String name, String deployment, String workload, String variant) {
        Pod pod = new Pod(namespace, name, deployment, workload, variant, new Endpoint("/metrics/pods/" + name));
        pods.add(pod);
        return pod;
    }

    /** The kube-state-metrics endpoint, scraped with honor_labels so its namespace label is the workload's. */
    public Endpoint kubeStateMetrics() {
        return kubeStateMetrics;
    }

    synchronized List<Pod> pods() {
        return List.copyOf(pods);
    }

    /** host:port as a Prometheus target. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized Endpoint endpoint(String path) {
        if (path.equals(kubeStateMetrics.path())) {
            return kubeStateMetrics;
        }
        return pods.stream().map(Pod::endpoint).filter(e -> e.path().equals(path)).findFirst().orElse(null);
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String labelText(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(labels).forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"'));
        return out.append('}').toString();
    }

    private static String le(double bound) {
        return bound == Double.POSITIVE_INFINITY ? "+Inf" : Double.toString(bound);
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
