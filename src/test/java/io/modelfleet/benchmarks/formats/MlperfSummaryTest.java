package io.modelfleet.benchmarks.formats;

import static io.modelfleet.benchmarks.formats.BenchmarkFormat.MLPERF;
import static io.modelfleet.benchmarks.formats.Samples.failure;
import static io.modelfleet.benchmarks.formats.Samples.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MlperfSummaryTest {

    private static final String SERVER = "mlperf/resnet50-server-valid.txt";
    private static final String SINGLE_STREAM = "mlperf/resnet50-singlestream-valid.txt";

    @Test
    void aServerRunIsOnePointAtItsCompletedRateWithTheScheduledRateAsRequestRate() {
        ParsedFile file = parse(MLPERF, SERVER);

        assertEquals("mlperf_loadgen", file.tool());
        assertEquals(List.of(new OperatingPoint(5, "line 5 (SUT TRITON_T4x1, Server)", null, null, 4796.21, 4.901244,
                7.288612, 8.402511, 11.635, 4795.84, null)), file.points());
        assertTrue(file.notes().isEmpty(), file.notes().toString());
    }

    @Test
    void aServerSummaryWithoutTheCompletedRateTakesTheScheduledOneWithANote() {
        String text = Samples.text(SERVER).replace("Completed samples per second    : 4795.84\n", "");

        ParsedFile file = BenchmarkFileParser.parse(MLPERF, Samples.utf8(text));

        assertEquals(4796.21, file.points().get(0).throughputRps());
        assertEquals(4796.21, file.points().get(0).requestRate());
        assertEquals(List.of("Server: the summary has no 'Completed samples per second'; throughput is the scheduled"
                + " rate"), file.notes());
    }

    @Test
    void aSingleStreamRunTakesTheEarlyStoppingP99Estimate() {
        ParsedFile file = parse(MLPERF, SINGLE_STREAM);

        assertEquals(List.of(new OperatingPoint(5, "line 5 (SUT ORT_CPU_SUT, SingleStream)", 1, 1, null, 7.023578,
                7.132046, 7.252009, 7.720415, 140.25, null)), file.points());
        assertEquals(List.of("p99 is loadgen's early-stopping 99th percentile estimate (line 16), the figure MLPerf"
                + " reports; the measured 99.00 percentile was 7.577115 ms"), file.notes());
    }

    @Test
    void aSingleStreamRunTooShortForAnEstimateFallsBackToTheMeasuredP99() {
        String text = Samples.text(SINGLE_STREAM).replace(" * Early stopping 99th percentile estimate: 7720415\n", "");

        ParsedFile file = BenchmarkFileParser.parse(MLPERF, Samples.utf8(text));

        assertEquals(7.577115, file.points().get(0).p99Ms());
        assertEquals(List.of("p99 is the measured 99.00 percentile (line 30): the run was too short for an"
                + " early-stopping estimate"), file.notes());
    }

    @Test
    void aMultiStreamRunIsABatchOfSamplesPerQueryWithItsThroughputDerivedFromTheMeanQueryLatency() {
        ParsedFile file = parse(MLPERF, "mlperf/resnet50-multistream-valid.txt");

        // 8 samples per query / 40 ms mean query latency = 200 samples per second
        assertEquals(List.of(new OperatingPoint(5, "line 5 (SUT ORT_CPU_SUT, MultiStream)", 8, 1, null, 39.801126,
                42.902288, 43.71432, 45.733012, 200.0, null)), file.points());
        assertEquals("MultiStream: throughput is derived, samples_per_query 8 (line 34) / mean query latency 40 ms"
                + " (line 23) = 200 samples/s; latencies are per query of 8 samples", file.notes().get(0));
    }

    @Test
    void anOfflineRunIsOnePointWhoseLatenciesAreNotedAsWholeQueryLatencies() {
        ParsedFile file = parse(MLPERF, "mlperf/resnet50-offline-valid.txt");

        assertEquals(List.of(new OperatingPoint(5, "line 5 (SUT TRITON_T4x1, Offline)", null, null, null,
                330100.021877, 594020.110532, 627010.330087, 653400.05502, 5120.4, null)), file.points());
        assertEquals(List.of("Offline: loadgen sends every sample in one query, so its latencies time that query; the"
                + " p99 is not a per-request latency and suits only deployments without a tight latency SLO"),
                file.notes());
    }

    @Test
    void anInvalidRunIsRefusedWithLoadgensReasons() {
        BenchmarkFileException e = failure(MLPERF, Samples.bytes("mlperf/resnet50-server-invalid.txt"));

        assertTrue(e.refused());
        assertEquals(8, e.line());
        assertNull(e.column());
        assertEquals("Result is", e.columnName());
        assertEquals("loadgen marked this run INVALID: Performance constraints satisfied : NO; Early stopping"
                + " satisfied: NO; Reduce target QPS to improve latency.; Run unsuccessful.; Processed 3239262"
                + " queries.; Would need to run at least 40631 more queries, with the run being successful if every"
                + " additional query were under latency.", e.reason());
    }

    @Test
    void anInvalidRunOnlyTooShortGivesJustThatReason() {
        String text = Samples.text(SERVER).replace("Result is : VALID", "Result is : INVALID")
                .replace("  Min duration satisfied : Yes", "  Min duration satisfied : NO\nRecommendations:\n"
                        + " * Increase the target QPS so the loadgen pre-generates more queries.");

        BenchmarkFileException e = failure(MLPERF, text);

        assertEquals("line 8 (Result is): loadgen marked this run INVALID: Min duration satisfied : NO; Increase the"
                + " target QPS so the loadgen pre-generates more queries.", e.getMessage());
    }

    @Test
    void anAccuracyOnlyRunIsRefused() {
        BenchmarkFileException e = failure(MLPERF, Samples.bytes("mlperf/resnet50-offline-accuracy-only.txt"));

        assertTrue(e.refused());
        assertEquals("line 6 (Mode): an AccuracyOnly run has no performance figures; import the summary of a"
                + " PerformanceOnly run", e.getMessage());
    }

    @Test
    void aRunWithLoadgenErrorsIsRefused() {
        String text = Samples.text(SERVER).replace("No errors encountered during test.",
                "1 ERROR encountered. See detailed log.");

        BenchmarkFileException e = failure(MLPERF, text);

        assertTrue(e.refused());
        assertEquals("line 56: loadgen reported errors during the run (1 ERROR encountered. See detailed log.); its"
                + " figures are not a clean measurement", e.getMessage());
    }

    @Test
    void aFigureThatIsNotANumberNamesItsLineAndKey() {
        String text = Samples.text(SERVER).replace("Completed samples per second    : 4795.84",
                "Completed samples per second    : 4795,84");

        BenchmarkFileException e = failure(MLPERF, text);

        assertFalse(e.refused());
        assertEquals("line 19 (Completed samples per second): '4795,84' is not a number", e.getMessage());
    }

    @Test
    void aZeroThroughputIsAnError() {
        String text = Samples.text(SINGLE_STREAM).replace("QPS w/ loadgen overhead         : 140.25",
                "QPS w/ loadgen overhead         : 0.00");

        assertEquals("line 21 (QPS w/ loadgen overhead): '0.00' must be greater than zero",
                failure(MLPERF, text).getMessage());
    }

    @Test
    void crlfLineEndingsGiveTheSamePoint() {
        String text = Samples.text(SERVER).replace("\n", "\r\n");

        assertEquals(parse(MLPERF, SERVER).points(), BenchmarkFileParser.parse(MLPERF, Samples.utf8(text)).points());
    }

    @Test
    void aSummaryWithoutAScenarioIsAnError() {
        String text = Samples.text(SERVER).replace("Scenario : Server\n", "");

        assertEquals("line 1 (Scenario): the summary has no 'Scenario' line", failure(MLPERF, text).getMessage());
    }

    @Test
    void anUnknownScenarioIsAnError() {
        String text = Samples.text(SERVER).replace("Scenario : Server", "Scenario : Batch");

        assertEquals("line 5 (Scenario): 'Batch' is not a loadgen scenario (SingleStream, MultiStream, Server,"
                + " Offline)", failure(MLPERF, text).getMessage());
    }

    @Test
    void textWithoutTheBannerIsNotASummary() {
        BenchmarkFileException e = failure(MLPERF, "\nresnet50 server run\nqps: 4796\n");

        assertEquals("line 2: no 'MLPerf Results Summary' banner: this is not a loadgen mlperf_log_summary.txt",
                e.getMessage());
    }
}
