package io.modelfleet.analysis.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryOutcome;
import io.modelfleet.api.security.OutboundAddresses;
import io.modelfleet.testing.prometheus.PrometheusServer;
import io.modelfleet.testing.prometheus.ScrapeTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's answers and failures: against the real Prometheus for what it answers, and against a tiny JDK server
 * for what a broken one might (HTTP 500, a body that is not JSON, no answer at all, too much).
 */
class PrometheusClientTest {

    private static ScrapeTarget target;
    private static PrometheusServer prometheus;
    private static final PrometheusClient CLIENT = new PrometheusClient(Duration.ofSeconds(5),
            (cluster, ref) -> Optional.empty(), OutboundAddresses.system());

    private HttpServer broken;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void startPrometheus() {
        target = ScrapeTarget.start();
        prometheus = PrometheusServer.start(target);
    }

    @AfterAll
    static void stopPrometheus() {
        prometheus.close();
        target.close();
    }

    @AfterEach
    void stopBroken() {
        release.countDown();
        if (broken != null) {
            broken.stop(0);
        }
    }

    private static QueryOutcome query(String promql) {
        return CLIENT.query("eu-1", new MetricsSource(prometheus.url() + "/", null), promql, Instant.now());
    }

    @Test
    void scalarsVectorsNaNAndInfinityAreReadAsPrometheusAnswersThem() {
        assertEquals(new QueryOutcome.Value(0.25), query("scalar(vector(0.25))"));
        assertEquals(new QueryOutcome.Value(42), query("sum(vector(42))"));
        assertEquals(new QueryOutcome.NoSeries(), query("sum(no_such_metric)"));
        assertEquals(new QueryOutcome.Value(Double.POSITIVE_INFINITY), query("vector(1) / 0"));
        assertEquals(new QueryOutcome.Value(Double.NEGATIVE_INFINITY), query("vector(-1) / 0"));
        QueryOutcome nan = query("vector(0) / 0");
        assertTrue(nan instanceof QueryOutcome.Value v && Double.isNaN(v.value()), nan.toString());
    }

    @Test
    void aQueryPrometheusRejectsIsAnErrorCarryingItsReason() {
        PrometheusQueryException e = assertThrows(PrometheusQueryException.class, () -> query("sum(rate(up[1m])"));
        assertTrue(e.getMessage().startsWith("cluster eu-1: Prometheus refused the query (bad_data: "),
                e.getMessage());
    }

    @Test
    void severalSeriesWhereOneWasExpectedIsAnError() {
        PrometheusQueryException e = assertThrows(PrometheusQueryException.class,
                () -> query("label_replace(vector(1), \"a\", \"x\", \"\", \"\") or label_replace(vector(2), \"a\","
                        + " \"y\", \"\", \"\")"));
        assertEquals("cluster eu-1: Prometheus answered 2 series to a query that aggregates to one", e.getMessage());
    }

    @Test
    void anHttp500IsAnError() throws IOException {
        String url = serve(exchange -> respond(exchange, 500, "upstream exploded at 10.0.3.7:9090"));
        PrometheusQueryException e = assertThrows(PrometheusQueryException.class, () -> CLIENT.query("eu-1",
                new MetricsSource(url, null), "up", Instant.now()));
        assertEquals("cluster eu-1: Prometheus answered HTTP 500", e.getMessage());
    }

    @Test
    void aBodyThatIsNotAQueryResultIsAnError() throws IOException {
        for (String body : List.of("<html>login</html>", "{\"status\":\"success\",\"data\":{\"resultType\":"
                + "\"matrix\",\"result\":[]}}", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                + "\"result\":[{\"metric\":{},\"value\":[1,\"twelve\"]}]}}")) {
            String url = serve(exchange -> respond(exchange, 200, body));
            PrometheusQueryException e = assertThrows(PrometheusQueryException.class, () -> CLIENT.query("eu-1",
                    new MetricsSource(url, null), "up", Instant.now()));
            assertEquals("cluster eu-1: Prometheus answered with a body that is not a query result", e.getMessage(),
                    body);
            broken.stop(0);
        }
    }

    @Test
    void aPrometheusThatNeverAnswersTimesOutWithinTheTimeout() throws IOException {
        String url = serve(exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        PrometheusClient client = new PrometheusClient(Duration.ofMillis(300), (c, r) -> Optional.empty(),
                OutboundAddresses.system());
        long start = System.nanoTime();
        List<QueryOutcome> outcomes = client.queryAll("eu-1", new MetricsSource(url, null), List.of("a", "b", "c"),
                Instant.now());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(new QueryOutcome.Failed("cluster eu-1: Prometheus did not answer within 0.3s"),
                new QueryOutcome.Failed("cluster eu-1: Prometheus did not answer within 0.3s"),
                new QueryOutcome.Failed("cluster eu-1: Prometheus did not answer within 0.3s")), outcomes);
        assertTrue(elapsedMillis < 1500, "three queries in parallel, one timeout: " + elapsedMillis + " ms");
    }

    @Test
    void anAnswerLargerThanAMegabyteIsAnError() throws IOException {
        String url = serve(exchange -> respond(exchange, 200, "[" + "1,".repeat(PrometheusClient.MAX_BODY_BYTES)
                + "1]"));
        PrometheusQueryException e = assertThrows(PrometheusQueryException.class, () -> CLIENT.query("eu-1",
                new MetricsSource(url, null), "up", Instant.now()));
        assertEquals("cluster eu-1: Prometheus answered more than 1048576 bytes to one query", e.getMessage());
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedBeforeAnyRequest() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        String url = serve(exchange -> {
            requests.incrementAndGet();
            respond(exchange, 200, "{}");
        });
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        PrometheusClient client = new PrometheusClient(Duration.ofSeconds(2), (c, r) -> Optional.empty(),
                new OutboundAddresses(host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")}));
        List<QueryOutcome> outcomes = client.queryAll("eu-1", new MetricsSource("http://prometheus.monitoring.example:"
                + port, null), List.of("up"), Instant.now());
        assertEquals(List.of(new QueryOutcome.Failed("cluster eu-1: metrics.prometheusUrl host"
                + " prometheus.monitoring.example resolves to a loopback address; only an admin may point a target"
                + " there, by writing the address itself")), outcomes);
        assertEquals(0, requests.get());
    }

    @Test
    void aUrlThatIsNotHttpIsAnErrorNamingTheField() {
        List<QueryOutcome> outcomes = CLIENT.queryAll("eu-1", new MetricsSource("file:///etc/passwd", null),
                List.of("up"), Instant.now());
        assertEquals(List.of(new QueryOutcome.Failed("cluster eu-1: metrics.prometheusUrl must be an http or https"
                + " URL with a host")), outcomes);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private String serve(Handler handler) throws IOException {
        broken = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/", handler::handle);
        broken.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        broken.start();
        return "http://127.0.0.1:" + broken.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
