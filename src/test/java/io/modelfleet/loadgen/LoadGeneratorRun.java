package io.modelfleet.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One run of the load generator in this JVM, as a Job would run it: its exit status, stdout and stderr. */
record LoadGeneratorRun(int exitCode, String stdout, String stderr) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static LoadGeneratorRun of(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = LoadGenerator.run(args.toArray(String[]::new), stdout, stderr);
        }
        return new LoadGeneratorRun(exitCode, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    static LoadGeneratorRun of(String... args) {
        return of(List.of(args));
    }

    /** The last line of stdout, which is where a reader of pod logs takes the document from. */
    String lastLine() {
        String[] lines = stdout.strip().split("\n");
        return lines[lines.length - 1];
    }

    JsonNode document() {
        try {
            return JSON.readTree(lastLine());
        } catch (IOException e) {
            throw new UncheckedIOException("the last line of stdout is not JSON: " + stdout + "\nstderr: " + stderr, e);
        }
    }

    /**
     * The checks every measured sweep must pass: one point per (batch, concurrency) in sweep order, every request
     * succeeded, inferences = requests x batch, throughput = inferences / duration, ordered percentiles, and Little's
     * law (throughput x mean latency within 20% of concurrency x batch: design record 007, B6).
     */
    List<JsonNode> assertConsistentSweep(List<Integer> batchSizes, List<Integer> concurrencies, double seconds) {
        assertEquals(ExitCodes.OK, exitCode, stderr);
        assertEquals(1, stdout.strip().split("\n").length, "stdout holds the document only: " + stdout);
        JsonNode points = document().get("points");
        assertEquals(batchSizes.size() * concurrencies.size(), points.size());
        List<JsonNode> checked = new ArrayList<>();
        int i = 0;
        for (int batch : batchSizes) {
            for (int concurrency : concurrencies) {
                JsonNode point = points.get(i++);
                String where = "point " + point + "\nstderr: " + stderr;
                assertEquals(batch, point.get("batchSize").asInt(), where);
                assertEquals(concurrency, point.get("concurrency").asInt(), where);
                long requests = point.get("requests").asLong();
                assertTrue(requests > 0, where);
                assertEquals(0, point.get("errors").asLong(), where);
                assertEquals(requests * batch, point.get("inferences").asLong(), where);
                double duration = point.get("durationSeconds").asDouble();
                assertTrue(duration >= seconds && duration < seconds + 1, where);
                double throughput = point.get("throughputRps").asDouble();
                assertEquals(requests * batch / duration, throughput, 0.01 + throughput * 1e-9, where);
                double p50 = point.get("p50Ms").asDouble();
                double p90 = point.get("p90Ms").asDouble();
                double p99 = point.get("p99Ms").asDouble();
                assertTrue(0 < p50 && p50 <= p90 && p90 <= p99, where);
                double inFlight = throughput * point.get("meanMs").asDouble() / 1000;
                double expected = concurrency * batch;
                assertTrue(Math.abs(inFlight - expected) <= 0.2 * expected,
                        "Little's law: throughput x mean = " + inFlight + ", concurrency x batch = " + expected + ", "
                                + where);
                checked.add(point);
            }
        }
        return checked;
    }
}
