package io.modelfleet.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.modelfleet.cli.CliIo;
import io.modelfleet.cli.RawHttpServer;
import io.modelfleet.cli.RawHttpServer.Answer;
import io.modelfleet.cli.api.ApiClient;
import io.modelfleet.cli.api.ApiProblem;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watch's patience: gateway errors are waited out up to its backoff, other problems end it at once. */
class RolloutWatchBackoffTest {

    private static final String ID = "0b9d6f1e-1111-4222-8333-444455556666";
    private static final List<Duration> FAST = List.of(Duration.ofMillis(10), Duration.ofMillis(10),
            Duration.ofMillis(10));

    private static int watch(RawHttpServer server) {
        CliIo io = new CliIo(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of(), Path.of("/nonexistent"), false);
        return new RolloutWatch(new ApiClient(URI.create(server.url()), "t", Duration.ofSeconds(5)), io, FAST)
                .watch(ID);
    }

    @Test
    void aGatewayOutageShorterThanTheBackoffIsWaitedOut() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String running = "{\"id\":\"" + ID + "\",\"status\":\"RUNNING\",\"clusters\":[]}";
        String done = "{\"id\":\"" + ID + "\",\"status\":\"SUCCEEDED\",\"clusters\":[]}";
        try (RawHttpServer server = new RawHttpServer(r -> {
            int n = calls.incrementAndGet();
            // The first GET, then three attempts (stream + GET each) refused by the ingress, then the end.
            return n == 1 ? Answer.json(200, running) : n <= 7 ? Answer.of(503, "text/html", "<html>503</html>")
                    : Answer.json(200, done);
        })) {
            assertEquals(0, watch(server));
        }
    }

    @Test
    void anOutageLongerThanTheBackoffEndsTheWatchWithTheLastFailure() throws Exception {
        String running = "{\"id\":\"" + ID + "\",\"status\":\"RUNNING\",\"clusters\":[]}";
        AtomicInteger calls = new AtomicInteger();
        try (RawHttpServer server = new RawHttpServer(r -> calls.incrementAndGet() == 1 ? Answer.json(200, running)
                : Answer.of(503, "text/html", "<html>503</html>"))) {
            ApiProblem p = assertThrows(ApiProblem.class, () -> watch(server));
            assertEquals(503, p.status());
            // The first GET, then one more attempt than the backoff has pauses, each a stream and a GET.
            assertEquals(1 + 2 * (FAST.size() + 1), calls.get());
        }
    }

    @Test
    void aProblemThatIsNotAGatewaysEndsTheWatchAtOnce() throws Exception {
        String running = "{\"id\":\"" + ID + "\",\"status\":\"RUNNING\",\"clusters\":[]}";
        AtomicInteger calls = new AtomicInteger();
        try (RawHttpServer server = new RawHttpServer(r -> calls.incrementAndGet() == 1 ? Answer.json(200, running)
                : Answer.json(403, "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"token revoked\"}"))) {
            ApiProblem p = assertThrows(ApiProblem.class, () -> watch(server));
            assertEquals("token revoked", p.detail());
            assertEquals(2, calls.get());
        }
    }
}
