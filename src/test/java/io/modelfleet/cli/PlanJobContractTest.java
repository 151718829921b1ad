package io.modelfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code plan} against a server that runs plans as jobs, as the lanes' contract for issue 11 specifies them
 * (202 with the plan view, progress on GET and on the event stream, then the finished plan). The control plane does
 * not run plan jobs yet (it answers 201, which CliEndToEndTest covers), so a small HTTP server plays the contract's
 * side here: what is tested is the CLI's handling of those answers, not the server.
 */
class PlanJobContractTest {

    private static final String ID = "7f0c2a4e-3b1d-4c5e-9f60-1a2b3c4d5e6f";
    private static final String FINISHED = "{\"id\":\"" + ID + "\",\"status\":\"OPTIMAL\",\"totalHourlyCostUsd\":1.052,"
            + "\"lowerBoundUsd\":1.052,\"gap\":0.0,\"placements\":[],\"unplaced\":[],\"alternatives\":[]}";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Deque<String> polls = new ArrayDeque<>();
    private volatile boolean eventStream = true;
    private CliRunner cli;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/plans", this::handle);
        server.start();
        cli = new CliRunner().env("MODELFLEET_URL", "http://127.0.0.1:" + server.getAddress().getPort())
                .env("MODELFLEET_TOKEN", "contract-token");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anAcceptedPlanShowsItsProgressFromTheEventStreamThenThePlan() {
        polls.add(FINISHED);
        CliRunner.Result r = cli.run("plan", "d-1");
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("POST /api/v1/plans Prefer=respond-async auth=Bearer contract-token",
                "GET /api/v1/plans/" + ID + "/events", "GET /api/v1/plans/" + ID), requests);
        assertEquals("Plan " + ID + " is running on the server (modelfleet plan cancel " + ID + " stops it and keeps"
                + " the best plan found)\n"
                + "[------------------------------] 0/4 units  SOLVING\n"
                + "[###############---------------] 2/4 units  best $1.30/h  bound $1.00/h  gap 23.1%  SOLVING\n"
                + "[##############################] 4/4 units  best $1.052/h  bound $1.052/h  gap 0.0%  ALTERNATIVES\n",
                r.err());
        assertTrue(r.out().startsWith("Plan " + ID + ": OPTIMAL, $1.052/h ($767.96/month), lower bound $1.052/h,"
                + " gap 0.0%\n"), r.out());
    }

    @Test
    void withoutAnEventStreamThePlanIsPolledUntilItIsDone() {
        eventStream = false;
        polls.add(running(3, "BASELINES"));
        polls.add(FINISHED);
        CliRunner.Result r = cli.run("plan", "d-1", "-o", "json");
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("POST /api/v1/plans Prefer=respond-async auth=Bearer contract-token",
                "GET /api/v1/plans/" + ID + "/events", "GET /api/v1/plans/" + ID, "GET /api/v1/plans/" + ID),
                requests);
        assertTrue(r.err().endsWith("[------------------------------] 0/4 units  SOLVING\n"
                + "[######################--------] 3/4 units  BASELINES\n"), r.err());
        assertEquals("OPTIMAL", CliEndToEndTest.readJson(r.out()).path("status").asText());
    }

    @Test
    void aFailedPlanJobPrintsItsFailureAndExitsNonZero() {
        polls.add("{\"id\":\"" + ID + "\",\"status\":\"FAILED\",\"failure\":\"the control plane restarted while the"
                + " plan ran\"}");
        CliRunner.Result r = cli.run("plan");
        assertEquals(ExitCodes.NOT_SUCCEEDED, r.status(), r.toString());
        assertTrue(r.err().endsWith("error: plan " + ID + " failed: the control plane restarted while the plan"
                + " ran\n"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void syncAsksForNoJob() {
        CliRunner.Result r = cli.run("plan", "--sync", "d-1");
        assertEquals(0, r.status(), r.toString());
        assertEquals(List.of("POST /api/v1/plans Prefer=- auth=Bearer contract-token"), requests);
    }

    @Test
    void cancelStopsARunningJobAndARefusalIsAnApiError() {
        CliRunner.Result r = cli.run("plan", "cancel", ID);
        assertEquals(0, r.status(), r.toString());
        assertEquals("Plan " + ID + ": cancel requested (status RUNNING); the best plan found is kept: modelfleet get"
                + " plans " + ID + "\n", r.out());
        assertEquals(List.of("POST /api/v1/plans/" + ID + "/cancel Prefer=- auth=Bearer contract-token"), requests);
        CliRunner.Result finished = cli.run("plan", "cancel", "0f0f0f0f-0000-4000-8000-000000000000");
        assertEquals(ExitCodes.API_ERROR, finished.status(), finished.toString());
        assertEquals("error: plan 0f0f0f0f-0000-4000-8000-000000000000 is OPTIMAL; only a RUNNING plan can be"
                + " cancelled (HTTP 409 Conflict)\n", finished.err());
    }

    private static String running(int solved, String phase) {
        return "{\"id\":\"" + ID + "\",\"status\":\"RUNNING\",\"progress\":{\"unitsSolved\":" + solved
                + ",\"unitsTotal\":4,\"bestCostUsd\":null,\"boundUsd\":null,\"gap\":null,\"phase\":\"" + phase
                + "\"}}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if ("POST".equals(method)) {
            String prefer = exchange.getRequestHeaders().getFirst("Prefer");
            requests.add("POST " + path + " Prefer=" + (prefer == null ? "-" : prefer) + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            if (path.endsWith("/cancel")) {
                if (path.contains(ID)) {
                    send(exchange, 202, "application/json", running(1, "SOLVING"));
                } else {
                    String other = path.split("/")[4];
                    send(exchange, 409, "application/problem+json", "{\"type\":\"https://modelfleet.io/problems/"
                            + "conflict\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"plan " + other
                            + " is OPTIMAL; only a RUNNING plan can be cancelled\"}");
                }
                return;
            }
            if (prefer == null) {
                exchange.getResponseHeaders().add("Location", "/api/v1/plans/" + ID);
                send(exchange, 201, "application/json", FINISHED);
                return;
            }
            exchange.getResponseHeaders().add("Location", "/api/v1/plans/" + ID);
            exchange.getResponseHeaders().add("Preference-Applied", "respond-async");
            send(exchange, 202, "application/json", running(0, "SOLVING"));
            return;
        }
        requests.add(method + " " + path);
        if (path.endsWith("/events")) {
            if (!eventStream) {
                send(exchange, 404, "application/problem+json", "{\"type\":\"https://modelfleet.io/problems/"
                        + "not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"no such path\"}");
                return;
            }
            send(exchange, 200, "text/event-stream", "event: progress\n"
                    + "data: {\"unitsSolved\":2,\"unitsTotal\":4,\"bestCostUsd\":1.3,\"boundUsd\":1.0,"
                    + "\"gap\":0.2308,\"phase\":\"SOLVING\"}\n\n"
                    + "event: progress\n"
                    + "data: {\"unitsSolved\":4,\"unitsTotal\":4,\"bestCostUsd\":1.052,\"boundUsd\":1.052,"
                    + "\"gap\":0.0,\"phase\":\"ALTERNATIVES\"}\n\n"
                    + "event: done\n"
                    + "data: {\"id\":\"" + ID + "\",\"status\":\"OPTIMAL\"}\n\n");
            return;
        }
        String body = polls.size() > 1 ? polls.poll() : polls.peek();
        send(exchange, 200, "application/json", body == null ? FINISHED : body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
