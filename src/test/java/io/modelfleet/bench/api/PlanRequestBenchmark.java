package io.modelfleet.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One whole plan request of a large fleet through the packaged control plane's API (design 004, I4): 1,000
 * (deployment, cluster) pairs over 50 clusters of one AWS account and region, so every cluster shares that
 * account's vCPU quotas and the solver sees them as one unit, planned with {@code timeLimitSeconds} 60. Prints
 * the wall time of {@code POST /plans} (target: at most 66 s, the limit plus 10%), the response size (target: at
 * most 1 MB) and the bytes of each top-level section of the body, then the first page of the alternatives.
 *
 * <pre>./mvnw -q package -DskipTests &amp;&amp; ./mvnw -q test-compile exec:java
 *     -Dexec.mainClass=io.modelfleet.bench.api.PlanRequestBenchmark</pre>
 *
 * Properties: {@code bench.body-file} (where to keep the plan body), {@code bench.time-limit} (60),
 * {@code bench.clusters} (50), {@code bench.deployments} (20; pairs are
 * clusters x deployments), {@code bench.jar}.
 */
public final class PlanRequestBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ACCOUNT = "123456789012";

    private PlanRequestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int timeLimit = Integer.getInteger("bench.time-limit", 60);
        int clusters = Integer.getInteger("bench.clusters", 50);
        int deployments = Integer.getInteger("bench.deployments", 20);
        Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package -DskipTests first");
        }
        Path work = Files.createTempDirectory("modelfleet-plan-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE bench");
            }
            try (ControlPlaneProcess app = ControlPlaneProcess.start(jar, postgres.getPort(), "bench", work,
                    List.of("-Xmx2g"))) {
                URI base = app.base();
                seed(base, clusters, deployments);
                System.out.printf(Locale.ROOT, "%d pairs (%d deployments x %d clusters of account %s, us-east-1,"
                        + " sharing its vCPU quotas), timeLimitSeconds %d, %d cores%n", clusters * deployments,
                        deployments, clusters, ACCOUNT, timeLimit, Runtime.getRuntime().availableProcessors());
                long started = System.nanoTime();
                HttpResponse<byte[]> plan = send(base, "POST", "/api/v1/plans",
                        "{\"timeLimitSeconds\":" + timeLimit + "}");
                double seconds = (System.nanoTime() - started) / 1e9;
                byte[] body = plan.body();
                String keep = System.getProperty("bench.body-file");
                if (keep != null) {
                    Files.write(Path.of(keep), body);
                }
                JsonNode tree = JSON.readTree(body);
                System.out.printf(Locale.ROOT, "POST /plans: HTTP %d in %.2f s (target <= %.1f s), body %,d bytes"
                        + " (%.2f MB; target <= 1 MB)%n", plan.statusCode(), seconds, timeLimit * 1.1, body.length,
                        body.length / 1e6);
                System.out.printf(Locale.ROOT, "status %s, total $%s/h, bound $%s/h, gap %s, %d placed, %d unplaced,"
                        + " stats %s%n", tree.path("status").asText(), tree.path("totalHourlyCostUsd").asText(),
                        tree.path("lowerBoundUsd").asText(), tree.path("gap").asText(), tree.path("placements").size(),
                        tree.path("unplaced").size(), tree.path("stats"));
                System.out.println("bytes by section:");
                for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    System.out.printf(Locale.ROOT, "  %-14s %,10d%n", field.getKey(),
                            JSON.writeValueAsBytes(field.getValue()).length);
                }
                JsonNode b = tree.path("baselines");
                b.fields().forEachRemaining(e -> System.out.printf(Locale.ROOT, "baseline %s: $%s/h%s%n", e.getKey(),
                        e.getValue().path("totalHourlyCostUsd").asText(), e.getValue().path("partial").asBoolean()
                                ? " (partial: " + e.getValue().path("reason").asText() + ")" : ""));
                HttpResponse<byte[]> gzipped = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/plans/"
                        + tree.path("id").asText())).header("Authorization", "Bearer " + ControlPlaneProcess
                        .ADMIN_TOKEN).header("Accept-Encoding", "gzip").timeout(Duration.ofMinutes(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                System.out.printf(Locale.ROOT, "GET /plans/{id} with Accept-Encoding: gzip: HTTP %d, %s, %,d bytes on"
                        + " the wire%n", gzipped.statusCode(), gzipped.headers().firstValue("Content-Encoding")
                        .orElse("identity"), gzipped.body().length);
                long pageStart = System.nanoTime();
                HttpResponse<byte[]> page = send(base, "GET", "/api/v1/plans/" + tree.path("id").asText()
                        + "/alternatives?size=100", null);
                JsonNode pageTree = JSON.readTree(page.body());
                System.out.printf(Locale.ROOT, "GET alternatives?size=100: HTTP %d in %.0f ms, %,d bytes, total %d"
                        + " options%n", page.statusCode(), (System.nanoTime() - pageStart) / 1e6,
                        page.body().length, pageTree.path("total").asLong());
                System.out.println("control plane log: " + app.log());
            }
        }
    }

    /**
     * Two hardware profiles, a model with three variants benchmarked at several batch sizes (many options per pair,
     * as a real catalog has), the clusters and the account's quotas, and the deployments, each on every cluster.
     */
    private static void seed(URI base, int clusters, int deployments) {
        send(base, "PUT", "/api/v1/hardware-profiles/g4dn.xlarge", Endpoints.profileBody("g4dn.xlarge", "0.526"));
        send(base, "PUT", "/api/v1/hardware-profiles/c7i.2xlarge", """
                {"name":"c7i.2xlarge","accelerator":"CPU","acceleratorCount":0,"vcpus":8,"memoryGiB":32,\
                "precisions":["FP32","INT8"],\
                "offerings":[{"region":"us-east-1","capacityType":"ON_DEMAND","hourlyPriceUsd":0.34}]}""");
        send(base, "PUT", "/api/v1/models/m", "{\"name\":\"m\",\"task\":\"image-classification\","
                + "\"accuracyMetric\":\"top1\"}");
        String[][] variants = {{"INT8", "QUANTIZATION", "75.9", "1"}, {"FP16", "QUANTIZATION", "76.0", "2"},
            {"FP32", "", "76.1", "3"}};
        for (String[] v : variants) {
            List<String> rows = new ArrayList<>();
            for (int batch : new int[] {1, 2, 4, 8, 16}) {
                double factor = Double.parseDouble(v[3]);
                rows.add(String.format(Locale.ROOT, "{\"hardware\":\"g4dn.xlarge\",\"batchSize\":%d,"
                        + "\"p99LatencyMs\":%.1f,"
                        + "\"throughputRps\":%.0f,\"acceleratorsPerReplica\":1,\"vcpusPerReplica\":2,"
                        + "\"memoryGiBPerReplica\":4}", batch, 2 + batch * factor, 300 * batch / factor));
                if (!"FP16".equals(v[0])) {
                    rows.add(String.format(Locale.ROOT, "{\"hardware\":\"c7i.2xlarge\",\"batchSize\":%d,"
                            + "\"p99LatencyMs\":%.1f,"
                            + "\"throughputRps\":%.0f,\"acceleratorsPerReplica\":0,\"vcpusPerReplica\":2,"
                            + "\"memoryGiBPerReplica\":2}", batch, 6 + batch * 2 * factor, 40 * batch / factor));
                }
            }
            send(base, "POST", "/api/v1/models/m/variants", String.format(Locale.ROOT, "{\"version\":\"1.0.0\","
                    + "\"precision\":\"%s\",\"compression\":[%s],\"artifactUri\":\"s3://bench/m-%s.onnx\","
                    + "\"artifactSha256\":\"%s\",\"sizeBytes\":25000000,\"format\":\"ONNX\",\"image\":\"triton:24\","
                    + "\"accuracy\":%s,\"benchmarks\":[%s]}", v[0], v[1].isEmpty() ? "" : "\"" + v[1] + "\"",
                    v[0].toLowerCase(Locale.ROOT), "a".repeat(63) + v[3], v[2], String.join(",", rows)));
        }
        for (int i = 0; i < clusters; i++) {
            send(base, "PUT", "/api/v1/clusters/c-" + i, String.format(Locale.ROOT, "{\"name\":\"c-%d\","
                    + "\"region\":\"us-east-1\",\"accountId\":\"%s\",\"target\":{\"type\":\"GITOPS\"},\"nodePools\":["
                    + "{\"name\":\"gpu\",\"hardware\":\"g4dn.xlarge\",\"capacityType\":\"ON_DEMAND\","
                    + "\"maxNodes\":40},"
                    + "{\"name\":\"gpu-b\",\"hardware\":\"g4dn.xlarge\",\"capacityType\":\"ON_DEMAND\","
                    + "\"maxNodes\":20},"
                    + "{\"name\":\"cpu\",\"hardware\":\"c7i.2xlarge\",\"capacityType\":\"ON_DEMAND\","
                    + "\"maxNodes\":40}]}",
                    i, ACCOUNT));
        }
        // G-and-VT on-demand and standard on-demand vCPUs of the account: binding enough to couple the clusters.
        send(base, "PUT", "/api/v1/quotas/us-east-1/L-DB2E81BA", "{\"limitVcpus\":" + clusters * 40
                + ",\"accountId\":\"" + ACCOUNT + "\"}");
        send(base, "PUT", "/api/v1/quotas/us-east-1/L-1216C47A", "{\"limitVcpus\":" + clusters * 60
                + ",\"accountId\":\"" + ACCOUNT + "\"}");
        for (int d = 0; d < deployments; d++) {
            List<String> demand = new ArrayList<>();
            for (int i = 0; i < clusters; i++) {
                demand.add(String.format(Locale.ROOT, "{\"cluster\":\"c-%d\",\"rps\":%d}", i, 200 + (d * 37 + i * 53)
                        % 1800));
            }
            send(base, "PUT", "/api/v1/deployments/d-" + d, String.format(Locale.ROOT, "{\"name\":\"d-%d\","
                    + "\"model\":\"m\",\"version\":\"1.0.0\",\"slo\":{\"p99LatencyMs\":%d,\"minAccuracy\":75.0},"
                    + "\"demand\":[%s]}", d, 20 + d % 3 * 10, String.join(",", demand)));
        }
    }

    private static HttpResponse<byte[]> send(URI base, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + ControlPlaneProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
