package io.modelfleet.benchmarks.formats;

import static io.modelfleet.benchmarks.formats.BenchmarkFormat.PERF_ANALYZER;
import static io.modelfleet.benchmarks.formats.Samples.failure;
import static io.modelfleet.benchmarks.formats.Samples.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerfAnalyzerCsvTest {

    private static final String HEADER = "Concurrency,Inferences/Second,Client Send,Network+Server Send/Recv,"
            + "Server Queue,Server Compute Input,Server Compute Infer,Server Compute Output,Client Recv,"
            + "p50 latency,p90 latency,p95 latency,p99 latency\n";
    private static final String ROW_1 = "1,812.4,52,410,38,96,8201,14,9,9702,9881,9940,10213\n";

    /** The sample's four levels, microseconds divided by 1000; perf_analyzer sorts rows by throughput. */
    private static final List<OperatingPoint> RESNET_POINTS = List.of(
            new OperatingPoint(2, "line 2 (Concurrency 1)", null, 1, null, 9.702, 9.881, 9.94, 10.213, 812.4, null),
            new OperatingPoint(3, "line 3 (Concurrency 2)", null, 2, null, 11.288, 11.604, 11.717, 12.057, 1398.2,
                    null),
            new OperatingPoint(4, "line 4 (Concurrency 4)", null, 4, null, 18.71, 19.207, 19.421, 20.118, 1702.6,
                    null),
            new OperatingPoint(5, "line 5 (Concurrency 8)", null, 8, null, 36.004, 36.812, 37.19, 38.342, 1779.8,
                    null));

    @Test
    void everyConcurrencyLevelIsAPointWithLatenciesInMilliseconds() {
        ParsedFile file = parse(PERF_ANALYZER, "perf_analyzer/resnet50-int8-t4-concurrency.csv");

        assertEquals(PERF_ANALYZER, file.format());
        assertEquals("perf_analyzer", file.tool());
        assertEquals(RESNET_POINTS, file.points());
        assertEquals(List.of("perf_analyzer files do not record the batch size (its -b flag): every point has none,"
                + " give it with the import"), file.notes());
    }

    @Test
    void aWindowsCopyWithByteOrderMarkCrlfAndTrailingEmptyLinesGivesTheSamePoints() {
        ParsedFile file = parse(PERF_ANALYZER, "perf_analyzer/resnet50-int8-t4-concurrency-windows.csv");

        assertEquals(RESNET_POINTS, file.points());
    }

    @Test
    void aRequestRateFileSetsTheRateAndLeavesConcurrencyUnknown() {
        ParsedFile file = parse(PERF_ANALYZER, "perf_analyzer/bert-base-fp16-request-rate.csv");

        assertEquals(List.of(
                new OperatingPoint(2, "line 2 (Request Rate 100)", null, null, 100.0, 8.412, 9.12, 9.506, 11.25, 99.8,
                        null),
                new OperatingPoint(3, "line 3 (Request Rate 200)", null, null, 200.0, 8.803, 10.114, 10.891, 13.477,
                        199.4, null),
                new OperatingPoint(4, "line 4 (Request Rate 400)", null, null, 400.0, 10.26, 14.388, 16.902, 24.015,
                        396.2, null)), file.points());
    }

    @Test
    void quotedFieldsAndColumnsInAnotherOrderAreReadByHeaderName() {
        ParsedFile file = BenchmarkFileParser.parse(PERF_ANALYZER, Samples.utf8(
                "\"Concurrency\",\"p99 latency\",\"Inferences/Second\"\n\"3\", \"20500\" ,\"1204.5\"\n"));

        assertEquals(List.of(new OperatingPoint(2, "line 2 (Concurrency 3)", null, 3, null, null, null, null, 20.5,
                1204.5, null)), file.points());
    }

    @Test
    void aFileWithoutTheP99ColumnIsAnErrorAtLineOneNamingTheColumn() {
        BenchmarkFileException e = failure(PERF_ANALYZER,
                Samples.bytes("perf_analyzer/broken-composing-model-no-p99.csv"));

        assertEquals(1, e.line());
        assertNull(e.column());
        assertEquals("p99 latency", e.columnName());
        assertFalse(e.refused());
        assertEquals("line 1 (p99 latency): the header has no 'p99 latency' column, which every perf_analyzer file"
                + " has; columns found: Concurrency, Inferences/Second, Client Send, Network+Server Send/Recv,"
                + " Server Queue, Server Compute Input, Server Compute Infer, Server Compute Output, Client Recv",
                e.getMessage());
    }

    @Test
    void aLatencyThatIsNotANumberNamesItsLineColumnAndHeader() {
        BenchmarkFileException e = failure(PERF_ANALYZER, Samples.bytes("perf_analyzer/broken-p99-not-a-number.csv"));

        assertEquals(3, e.line());
        assertEquals(13, e.column());
        assertEquals("p99 latency", e.columnName());
        assertEquals("'n/a' is not a number", e.reason());
        assertEquals("line 3, column 13 (p99 latency)", e.where());
        assertEquals("line 3, column 13 (p99 latency): 'n/a' is not a number", e.getMessage());
    }

    @Test
    void zeroThroughputIsAnError() {
        BenchmarkFileException e = failure(PERF_ANALYZER,
                HEADER + "1,0,52,410,38,96,8201,14,9,9702,9881,9940,10213\n");

        assertEquals("line 2, column 2 (Inferences/Second): '0' must be greater than zero", e.getMessage());
    }

    @Test
    void aNegativeLatencyIsAnError() {
        BenchmarkFileException e = failure(PERF_ANALYZER,
                HEADER + ROW_1 + "2,1398.2,55,433,1690,98,9174,15,9,-11288,11604,11717,12057\n");

        assertEquals("line 3, column 10 (p50 latency): '-11288' must be greater than zero", e.getMessage());
    }

    @Test
    void aNonFiniteLatencyIsAnError() {
        BenchmarkFileException e = failure(PERF_ANALYZER,
                HEADER + "1,812.4,52,410,38,96,8201,14,9,9702,9881,9940,inf\n");

        assertEquals("line 2, column 13 (p99 latency): 'inf' is not a finite number", e.getMessage());
    }

    @Test
    void aFractionalConcurrencyIsAnError() {
        BenchmarkFileException e = failure(PERF_ANALYZER,
                HEADER + "2.5,812.4,52,410,38,96,8201,14,9,9702,9881,9940,10213\n");

        assertEquals("line 2, column 1 (Concurrency): '2.5' is not a whole number", e.getMessage());
    }

    @Test
    void aP99BelowTheP95IsAnErrorAtTheP99() {
        BenchmarkFileException e = failure(PERF_ANALYZER,
                HEADER + "1,812.4,52,410,38,96,8201,14,9,9702,9881,11940,10213\n");

        assertEquals("line 2, column 13 (p99 latency): 10.213 ms is below the p95 latency of 11.94 ms; a higher"
                + " percentile cannot be faster", e.getMessage());
    }

    @Test
    void aRepeatedConcurrencyIsAnErrorNamingBothLines() {
        BenchmarkFileException e = failure(PERF_ANALYZER,
                Samples.bytes("perf_analyzer/broken-duplicate-concurrency.csv"));

        assertEquals(4, e.line());
        assertEquals("line 4: line 4 (Concurrency 2) repeats the operating point of line 3 (Concurrency 2): the same"
                + " batch size (not given), concurrency (2) and hardware (not given) may appear once in a file",
                e.getMessage());
    }

    @Test
    void aShortRowIsAnErrorCountingItsFields() {
        BenchmarkFileException e = failure(PERF_ANALYZER,
                HEADER + ROW_1 + "2,1398.2,55,433,1690,98,9174,15,9,11288,11604,11717\n");

        assertEquals("line 3: the row has 12 fields but the header on line 1 has 13", e.getMessage());
    }

    @Test
    void anUnclosedQuoteNamesItsColumn() {
        BenchmarkFileException e = failure(PERF_ANALYZER,
                "Concurrency,Inferences/Second,p99 latency\n1,\"812.4,10213\n");

        assertEquals("line 2, column 2 (Inferences/Second): the quote opened in this field is not closed",
                e.getMessage());
    }

    @Test
    void aHeaderThatNamesAColumnTwiceIsAnError() {
        BenchmarkFileException e = failure(PERF_ANALYZER, "Concurrency,Inferences/Second,p99 latency,P99 Latency\n");

        assertEquals("line 1, column 4 (P99 Latency): the header names this column twice (also column 3)",
                e.getMessage());
    }

    @Test
    void aHeaderWithoutRowsIsAnError() {
        BenchmarkFileException e = failure(PERF_ANALYZER, HEADER + "\n\n");

        assertEquals("line 1: the file has a header but no rows", e.getMessage());
    }

    @Test
    void anEmptyFileIsAnErrorAtLineOne() {
        for (String empty : new String[] {"", "\n\n  \r\n", "\uFEFF"}) {
            BenchmarkFileException e = failure(PERF_ANALYZER, empty);
            assertEquals("line 1: the file is empty", e.getMessage());
        }
    }

    @Test
    void bytesThatAreNotUtf8NameTheirLine() {
        byte[] latin1 = Samples.utf8(HEADER + ROW_1 + "2,1398.2,55,433,1690,98,9174,15,9,11288,11604,11717,12057 X\n");
        latin1[latin1.length - 2] = (byte) 0xB5; // a Latin-1 micro sign

        BenchmarkFileException e = failure(PERF_ANALYZER, latin1);

        assertEquals(3, e.line());
        assertEquals("line 3: byte " + (latin1.length - 1) + " is not UTF-8 text: save the file as UTF-8",
                e.getMessage());
    }

    @Test
    void jsonGivenAsPerfAnalyzerIsNamedForWhatItIs() {
        BenchmarkFileException e = failure(PERF_ANALYZER, "{\n  \"InferenceRecommendations\": []\n}\n");

        assertEquals("line 2: this is a SageMaker Inference Recommender job description, not a Triton perf_analyzer"
                + " CSV; import it with format=sagemaker", e.getMessage());
    }

    @Test
    void aModelAnalyzerCsvGivenAsPerfAnalyzerIsNamedForWhatItIs() {
        BenchmarkFileException e = failure(PERF_ANALYZER, Samples.bytes("model_analyzer/metrics-model-inference.csv"));

        assertEquals("line 1: this is a Triton Model Analyzer metrics file, not a Triton perf_analyzer CSV; import it"
                + " with format=model_analyzer", e.getMessage());
    }

    @Test
    void aCsvWithoutALevelColumnIsAnError() {
        BenchmarkFileException e = failure(PERF_ANALYZER, "Batch,Inferences/Second,p99 latency\n1,812.4,10213\n");

        assertEquals("line 1 (Concurrency): the header has neither a 'Concurrency' nor a 'Request Rate' column;"
                + " perf_analyzer writes one of them first", e.getMessage());
    }

    @Test
    void breakdownColumnsAboveTheP99AreKeptWithANote() {
        ParsedFile file = BenchmarkFileParser.parse(PERF_ANALYZER, Samples.utf8(
                HEADER + "1,812.4,52,410,9038,96,8201,14,9,9702,9881,9940,10213\n"));

        assertEquals(10.213, file.points().get(0).p99Ms());
        assertEquals("line 2: the latency breakdown columns add up to 17.82 ms, more than the p99 latency of 10.213 ms;"
                + " perf_analyzer derives them by subtraction, so the measurement window was probably too short"
                + " (--measurement-interval)", file.notes().get(1));
    }

    @Test
    void anUnreadableBreakdownColumnIsIgnoredWithANote() {
        ParsedFile file = BenchmarkFileParser.parse(PERF_ANALYZER, Samples.utf8(
                HEADER + "1,812.4,52,410,-,96,8201,14,9,9702,9881,9940,10213\n"));

        assertEquals(1, file.points().size());
        assertEquals("line 2, column 5 (Server Queue): '-' is not a number; this latency breakdown column is not"
                + " imported, so it is ignored", file.notes().get(1));
    }
}
