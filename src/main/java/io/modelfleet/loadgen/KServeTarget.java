package io.modelfleet.loadgen;

import io.modelfleet.loadgen.LoadOptions.KServeSettings;
import io.modelfleet.loadgen.LoadOptions.Sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server speaking the KServe v2 inference protocol over HTTP (KServe, Triton, Seldon MLServer, TorchServe's v2
 * endpoint): {@code POST /v2/models/{name}[/versions/{v}]/infer} with a JSON body. A request counts as successful
 * only when it answers 200 with a v2 response (a body with {@code outputs}); anything else, a timeout or a broken
 * connection is an error of the point.
 */
final class KServeTarget implements InferenceTarget {

    private static final Duration READY_POLL = Duration.ofMillis(250);
    private static final Duration LONGEST_READY_PROBE = Duration.ofSeconds(5);
    private static final int ERROR_BODY_CHARS = 200;

    private final HttpClient client;
    private final KServeSettings settings;
    private final Sweep sweep;
    private final URI inferUrl;
    private final Map<Integer, byte[]> bodies = new ConcurrentHashMap<>();

    private KServeTarget(HttpClient client, KServeSettings settings, Sweep sweep) {
        this.client = client;
        this.settings = settings;
        this.sweep = sweep;
        this.inferUrl = modelUrl(settings, "/infer");
    }

    /** Waits until the model answers ready, for at most {@code --ready-timeout} (0: asks once). */
    static KServeTarget connect(KServeSettings settings, Sweep sweep, PrintStream progress)
            throws TargetFailure, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // h2c upgrades are not what every v2 server speaks
                .connectTimeout(min(settings.requestTimeout(), Duration.ofSeconds(10)))
                .build();
        URI readyUrl = modelUrl(settings, "/ready");
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        String lastAnswer;
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            HttpRequest probe = HttpRequest.newBuilder(readyUrl).GET()
                    .timeout(min(LONGEST_READY_PROBE, max(left, Duration.ofSeconds(1)))).build();
            try {
                HttpResponse<String> answer = client.send(probe, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    progress.println("model " + settings.modelName() + " is ready at " + readyUrl);
                    return new KServeTarget(client, settings, sweep);
                }
                lastAnswer = "HTTP " + answer.statusCode() + " " + abbreviate(answer.body());
            } catch (IOException e) {
                lastAnswer = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            }
            if (System.nanoTime() + READY_POLL.toNanos() > deadline) {
                throw new TargetFailure("model " + settings.modelName() + " was not ready within "
                        + settings.readyTimeout().toMillis() + " ms (GET " + readyUrl + " last answered: "
                        + lastAnswer + ")");
            }
            Thread.sleep(READY_POLL.toMillis());
        }
    }

    @Override
    public String kind() {
        return "kserve-v2";
    }

    @Override
    public String model() {
        return settings.modelName();
    }

    /** The server picks its execution provider; the client cannot see it. */
    @Override
    public String provider() {
        return "remote";
    }

    @Override
    public Requester requester(int batchSize, int index) {
        byte[] body = bodies.computeIfAbsent(batchSize, batch -> KServeRequestBody.encode(settings.inputName(),
                settings.itemShape(), batch,
                new RandomValues(settings.datatype(), sweep.seed() + batch, sweep.intMax())));
        HttpRequest request = HttpRequest.newBuilder(inferUrl)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new Requester() {
            @Override
            public void infer() throws IOException, InterruptedException, RequestFailed {
                HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new RequestFailed("HTTP " + answer.statusCode() + " " + abbreviate(answer.body()));
                }
                if (!answer.body().contains("\"outputs\"")) {
                    throw new RequestFailed("HTTP 200 without outputs, not a v2 inference response: "
                            + abbreviate(answer.body()));
                }
            }

            @Override
            public void close() {
                // the request holds nothing but bytes
            }
        };
    }

    @Override
    public void close() {
        // java.net.http.HttpClient of Java 17 has no close; its connections end with the process
    }

    /** A server's answer that is not a successful inference. */
    static final class RequestFailed extends Exception {
        RequestFailed(String message) {
            super(message);
        }
    }

    private static URI modelUrl(KServeSettings settings, String suffix) {
        String base = settings.url().toString().replaceAll("/+$", "");
        StringBuilder path = new StringBuilder(base).append("/v2/models/").append(segment(settings.modelName()));
        settings.modelVersion().ifPresent(version -> path.append("/versions/").append(segment(version)));
        return URI.create(path.append(suffix).toString());
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= ERROR_BODY_CHARS ? oneLine : oneLine.substring(0, ERROR_BODY_CHARS) + "...";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
