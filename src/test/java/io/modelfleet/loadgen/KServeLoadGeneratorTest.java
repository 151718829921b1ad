package io.modelfleet.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator against a real KServe v2 HTTP server ({@link KServeTestServer}) that runs the FP32 MLP through
 * ONNX Runtime: what the client counts must match what the server saw.
 */
class KServeLoadGeneratorTest {

    private static final String MODEL = "mlp";

    @Test
    void sweepAgainstAV2ServerReportsFourPointsThatObeyLittlesLaw() throws Exception {
        try (KServeTestServer server = new KServeTestServer(OnnxModels.mlpFp32(3), MODEL, 0, Duration.ZERO)) {
            LoadGeneratorRun run = LoadGeneratorRun.of(kserve(server, "--batch-sizes", "1,8", "--concurrency", "1,2",
                    "--duration", "1.5s", "--warmup", "300ms"));

            List<JsonNode> points = run.assertConsistentSweep(List.of(1, 8), List.of(1, 2), 1.5);
            JsonNode document = run.document();
            assertEquals("kserve-v2", document.get("target").asText());
            assertEquals(MODEL, document.get("model").asText());
            assertEquals("remote", document.get("provider").asText());
            assertEquals(0, server.badRequests(), "every body the client sent was a valid v2 request");
            long measured = points.stream().mapToLong(point -> point.get("requests").asLong()).sum();
            assertTrue(server.successes() > measured, "warmups also reach the server: " + server.successes());
        }
    }

    @Test
    void serverErrorsAreCountedExactlyAndAboveOnePercentFailTheRunWithStatus3() throws Exception {
        try (KServeTestServer server = new KServeTestServer(OnnxModels.mlpFp32(3), MODEL, 10, Duration.ZERO)) {
            // no warmup: every inference request the server sees is one the document counts
            LoadGeneratorRun run = LoadGeneratorRun.of(kserve(server, "--batch-sizes", "2", "--concurrency", "2",
                    "--duration", "700ms", "--warmup", "0"));

            assertEquals(ExitCodes.TOO_MANY_ERRORS, run.exitCode(), run.stderr());
            JsonNode point = run.document().get("points").get(0);
            assertEquals(server.injectedFailures(), point.get("errors").asLong());
            assertEquals(server.successes(), point.get("requests").asLong());
            assertEquals(server.inferRequests() / 10, point.get("errors").asLong());
            assertEquals(2 * server.successes(), point.get("inferences").asLong());
            assertTrue(point.get("errors").asLong() > 0, point.toString());
            assertTrue(run.stderr().contains("HTTP 500 {\"error\":\"injected failure of request"), run.stderr());
        }
    }

    @Test
    void errorsOfAtMostOnePercentAreReportedButDoNotFailTheRun() throws Exception {
        // every 100th request fails: floor(n / 100) of n, at most 1% and exactly 1% when n is a multiple of 100
        try (KServeTestServer server = new KServeTestServer(OnnxModels.mlpFp32(3), MODEL, 100, Duration.ZERO)) {
            LoadGeneratorRun run = LoadGeneratorRun.of(kserve(server, "--duration", "1s", "--warmup", "0"));

            assertEquals(ExitCodes.OK, run.exitCode(), run.stderr());
            JsonNode point = run.document().get("points").get(0);
            assertTrue(server.inferRequests() >= 100, "enough requests to hit a failure: " + server.inferRequests());
            assertEquals(server.inferRequests() / 100, point.get("errors").asLong());
            assertEquals(server.successes(), point.get("requests").asLong());
        }
    }

    @Test
    void waitsForTheModelToBecomeReadyAndAsksTheVersionGiven() throws Exception {
        try (KServeTestServer server = new KServeTestServer(OnnxModels.mlpFp32(3), MODEL, 0, Duration.ofMillis(600))) {
            LoadGeneratorRun run = LoadGeneratorRun.of(kserve(server, "--model-version", "7", "--duration", "300ms",
                    "--warmup", "0", "--ready-timeout", "10s"));

            run.assertConsistentSweep(List.of(1), List.of(1), 0.3);
            assertTrue(server.readyProbes() >= 2, "the first probes answered 503: " + server.readyProbes());
            assertEquals(java.util.Set.of("7"), server.versionsAsked());
        }
    }

    @Test
    void aModelThatNeverBecomesReadyFailsTheTargetWithStatus1() throws Exception {
        try (KServeTestServer server = new KServeTestServer(OnnxModels.mlpFp32(3), MODEL, 0, Duration.ofHours(1))) {
            LoadGeneratorRun run = LoadGeneratorRun.of(kserve(server, "--ready-timeout", "700ms"));

            assertEquals(ExitCodes.TARGET_FAILED, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("model mlp was not ready within 700 ms (GET " + server.url()
                    + "/v2/models/mlp/ready last answered: HTTP 503"), run.stderr());
            assertEquals(0, server.inferRequests());
            assertEquals("", run.stdout());
        }
    }

    @Test
    void aRequestTheServerRefusesIsAnErrorNamingTheServersAnswer() throws Exception {
        try (KServeTestServer server = new KServeTestServer(OnnxModels.mlpFp32(3), MODEL, 0, Duration.ZERO)) {
            // 32 values per item where the model takes 64: the server answers 400 to every request
            LoadGeneratorRun run = LoadGeneratorRun.of(kserveWithShape(server, "32", "--duration", "300ms",
                    "--warmup", "0"));

            assertEquals(ExitCodes.TOO_MANY_ERRORS, run.exitCode(), run.stderr());
            JsonNode point = run.document().get("points").get(0);
            assertEquals(0, point.get("requests").asLong());
            assertEquals(server.badRequests(), point.get("errors").asLong());
            assertTrue(run.stderr().contains("HTTP 400 {\"error\":\"expected shape [batch,64], got [1,32]\"}"),
                    run.stderr());
        }
    }

    private static List<String> kserve(KServeTestServer server, String... more) {
        return kserveWithShape(server, String.valueOf(OnnxModels.MLP_INPUTS), more);
    }

    private static List<String> kserveWithShape(KServeTestServer server, String shape, String... more) {
        List<String> args = new ArrayList<>(List.of("kserve", "--url", server.url(), "--model-name", MODEL,
                "--input-name", "x", "--input-shape", shape, "--datatype", "FP32"));
        args.addAll(List.of(more));
        return args;
    }
}
