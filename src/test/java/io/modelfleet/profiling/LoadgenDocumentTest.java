package io.modelfleet.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.modelfleet.profiling.domain.LoadgenDocument;
import io.modelfleet.profiling.domain.OperatingGrid;
import io.modelfleet.profiling.domain.ResultDocumentException;
import io.modelfleet.profiling.domain.StorableText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the load generator's result document from a pod log, and refusing what is not one run's full result. */
class LoadgenDocumentTest {

    private static final OperatingGrid GRID = new OperatingGrid(List.of(1, 8), List.of(2));

    /** A point whose mean latency obeys Little's law: concurrency x batch in flight at that throughput. */
    private static String point(int batch, int concurrency, long requests, long errors, String throughput,
            String p99) {
        double rate = throughput.startsWith("\"") ? 0 : Double.parseDouble(throughput);
        return point(batch, concurrency, requests, errors, throughput, rate > 0 ? concurrency * batch * 1000 / rate
                : 1.25, p99);
    }

    private static String point(int batch, int concurrency, long requests, long errors, String throughput,
            double meanMs, String p99) {
        return "{\"batchSize\":" + batch + ",\"concurrency\":" + concurrency + ",\"durationSeconds\":2.0,"
                + "\"requests\":" + requests + ",\"inferences\":" + requests * batch + ",\"errors\":" + errors
                + ",\"throughputRps\":" + throughput + ",\"meanMs\":" + meanMs + ",\"p50Ms\":1.1,\"p90Ms\":1.9,"
                + "\"p99Ms\":" + p99 + "}";
    }

    private static String document(String... points) {
        return "{\"tool\":\"modelfleet-loadgen\",\"version\":1,\"target\":\"kserve-v2\",\"model\":\"mlp\","
                + "\"provider\":\"cpu\",\"startedAt\":\"2026-12-03T10:00:00Z\",\"host\":{\"cpus\":2,\"os\":\"Linux\"},"
                + "\"points\":[" + String.join(",", points) + "]}";
    }

    private static final String GOOD = document(point(1, 2, 3200, 0, "1600.0", "2.75"),
            point(8, 2, 800, 0, "3200.0", "6.5"));

    @Test
    void theDocumentIsTheLastJsonLineNamingTheToolWhateverStderrPrintedAfterIt() {
        String log = "connected to http://localhost:8000, model mlp ready\n"
                + "batch 1 x concurrency 2: 1600.0 inferences/s\n{\"not\":\"it\"}\n" + GOOD + "\n"
                + "batch 8 x concurrency 2: done\n\n";
        LoadgenDocument doc = LoadgenDocument.lastIn(log).checkFits(GRID);
        assertEquals("kserve-v2", doc.target());
        assertEquals("cpu", doc.provider());
        assertEquals("2026-12-03T10:00:00Z", doc.startedAt());
        assertEquals(Map.of("cpus", 2, "os", "Linux"), doc.host());
        assertEquals(List.of(new LoadgenDocument.Point(1, 2, 2.0, 3200, 3200, 0, 1600.0, 1.25, 1.1, 1.9, 2.75),
                new LoadgenDocument.Point(8, 2, 2.0, 800, 6400, 0, 3200.0, 5.0, 1.1, 1.9, 6.5)), doc.points());
    }

    @Test
    void aLogWithoutTheDocumentSaysHowItEnds() {
        ResultDocumentException e = assertThrows(ResultDocumentException.class,
                () -> LoadgenDocument.lastIn("loading model\nmodelfleet-loadgen: --input-name: missing\n"));
        assertEquals("result document: no line of the log is the load generator's JSON document; it ends with:"
                + " loading model | modelfleet-loadgen: --input-name: missing", e.getMessage());
        assertEquals("result document: the load generator's log is empty",
                assertThrows(ResultDocumentException.class, () -> LoadgenDocument.lastIn("")).getMessage());
    }

    @Test
    void whatIsNotTheLoadGeneratorsDocumentIsRefusedNamingTheField() {
        assertEquals("result document: tool must be 'modelfleet-loadgen', was \"perf_analyzer\"",
                refused(GOOD.replace("modelfleet-loadgen", "perf_analyzer")));
        assertEquals("result document: version must be 1, was 2", refused(GOOD.replace("\"version\":1",
                "\"version\":2")));
        assertEquals("result document: points must be a non-empty array", refused(document()));
        assertEquals("result document: points[0].throughputRps must be a finite number greater than 0, was 0",
                refused(document(point(1, 2, 10, 0, "0", "2.75"))));
        assertEquals("result document: points[0].p99Ms must be a finite number greater than 0, was \"NaN\"",
                refused(document(point(1, 2, 10, 0, "1.0", "\"NaN\""))));
        assertEquals("result document: points[0].batchSize must be a whole number of at least 1, was 0",
                refused(document(point(0, 2, 10, 0, "1.0", "2.0"))));
        assertEquals("result document: must be a JSON object, was array", refused("[1, 2]"));
        assertEquals(true, refused("{\"tool\": ").startsWith("result document: not JSON ("));
    }

    @Test
    void aDocumentMustMeasureExactlyTheRunsPointsEachOnceWithFewErrors() {
        assertEquals("result document: lacks 1 of the run's 2 points, first batch 8, concurrency 2",
                misfit(document(point(1, 2, 3200, 0, "1600.0", "2.75"))));
        assertEquals("result document: points[2] (batch 4, concurrency 2) is not a point this run measures (batch"
                + " sizes [1, 8], concurrencies [2])", misfit(document(point(1, 2, 3200, 0, "1600.0", "2.75"),
                        point(8, 2, 800, 0, "3200.0", "6.5"), point(4, 2, 800, 0, "1600.0", "4.0"))));
        assertEquals("result document: points[1] (batch 1, concurrency 2) appears twice",
                misfit(document(point(1, 2, 3200, 0, "1600.0", "2.75"), point(1, 2, 3200, 0, "1600.0", "2.75"))));
        assertEquals("result document: points[1] (batch 8, concurrency 2): 9 of 809 requests failed, more than 1%",
                misfit(document(point(1, 2, 3200, 32, "1600.0", "2.75"), point(8, 2, 800, 9, "3200.0", "6.5"))),
                "32 failed of 3232 made is under 1% and passes; 9 of 809 is over");
    }

    @Test
    void textsPostgresqlCannotStoreAreRefusedNamingWhereAndNullHostFiguresAreKept() {
        assertEquals("result document: provider must not contain a NUL character (U+0000), found at index 1",
                refused(GOOD.replace("\"provider\":\"cpu\"", "\"provider\":\"a\\u0000\"")));
        assertEquals("result document: target must not contain an unpaired UTF-16 surrogate (U+D800), found at index"
                + " 0", refused(GOOD.replace("\"target\":\"kserve-v2\"", "\"target\":\"\\ud800x\"")));
        assertEquals("result document: startedAt must not contain a NUL character (U+0000), found at index 0",
                refused(GOOD.replace("2026-12-03T10:00:00Z", "\\u0000")));
        assertEquals("result document: host.os must not contain a NUL character (U+0000), found at index 5",
                refused(GOOD.replace("\"os\":\"Linux\"", "\"os\":\"Linux\\u0000\"")));
        assertEquals("result document: host key must not contain an unpaired UTF-16 surrogate (U+DC00), found at"
                + " index 0", refused(GOOD.replace("\"os\":", "\"\\udc00\":")));
        Map<String, Object> host = new java.util.LinkedHashMap<>();
        host.put("cpus", 2);
        host.put("os", null);
        assertEquals(host, LoadgenDocument.parse(GOOD.replace("\"os\":\"Linux\"", "\"os\":null")).host());
    }

    @Test
    void storableTextReplacesNulAndUnpairedSurrogatesAndKeepsPairs() {
        assertEquals("a\uFFFDb\uFFFDc\uD83D\uDE00d\uFFFD", StorableText.of("a\u0000b\uDC00c\uD83D\uDE00d\uD800"));
        assertEquals("plain", StorableText.of("plain"));
        assertEquals(null, StorableText.of(null));
    }

    @Test
    void onlyAServedModelsFiguresThatObeyLittlesLawAreTaken() {
        assertEquals("result document: target must be 'kserve-v2' (the Job measures the served model over KServe"
                + " v2), was 'onnx'", misfit(GOOD.replace("\"target\":\"kserve-v2\"", "\"target\":\"onnx\"")));
        assertEquals("result document: target must be 'kserve-v2' (the Job measures the served model over KServe"
                + " v2), was absent", misfit(GOOD.replace("\"target\":\"kserve-v2\",", "")));
        // batch 8 x concurrency 2 = 16 in flight; 3200/s x 6.0 ms = 19.2 is 20% off (kept), 3200/s x 6.1 ms is not.
        misfitOrNot(document(point(1, 2, 3200, 0, "1600.0", "2.75"), point(8, 2, 800, 0, "3200.0", 6.0, "6.5")));
        misfitOrNot(document(point(1, 2, 3200, 0, "1600.0", "2.75"), point(8, 2, 800, 0, "3200.0", 4.0, "6.5")));
        assertEquals("result document: points[1] (batch 8, concurrency 2): throughputRps x meanMs / 1000 = 19.520"
                + " inferences in flight, more than 20% from concurrency x batchSize = 16 (Little's law)",
                misfit(document(point(1, 2, 3200, 0, "1600.0", "2.75"), point(8, 2, 800, 0, "3200.0", 6.1, "6.5"))));
        assertEquals("result document: points[0] (batch 1, concurrency 2): throughputRps x meanMs / 1000 = 1.200"
                + " inferences in flight, more than 20% from concurrency x batchSize = 2 (Little's law)",
                misfit(document(point(1, 2, 3200, 0, "1600.0", 0.75, "2.75"), point(8, 2, 800, 0, "3200.0", "6.5"))));
        assertEquals("result document: points[0] (batch 1, concurrency 2): no request succeeded, so nothing was"
                + " measured", misfit(document(point(1, 2, 0, 0, "1600.0", "2.75"), point(8, 2, 800, 0, "3200.0",
                        "6.5"))));
    }

    private static void misfitOrNot(String text) {
        assertEquals(2, LoadgenDocument.parse(text).checkFits(GRID).points().size());
    }

    private static String refused(String text) {
        return assertThrows(ResultDocumentException.class, () -> LoadgenDocument.parse(text)).getMessage();
    }

    private static String misfit(String text) {
        return assertThrows(ResultDocumentException.class, () -> LoadgenDocument.parse(text).checkFits(GRID))
                .getMessage();
    }
}
