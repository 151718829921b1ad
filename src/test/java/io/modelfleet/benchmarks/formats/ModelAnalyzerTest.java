package io.modelfleet.benchmarks.formats;

import static io.modelfleet.benchmarks.formats.BenchmarkFormat.MODEL_ANALYZER;
import static io.modelfleet.benchmarks.formats.Samples.failure;
import static io.modelfleet.benchmarks.formats.Samples.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelAnalyzerTest {

    private static final String CSV = "model_analyzer/metrics-model-inference.csv";
    private static final String CHECKPOINT = "model_analyzer/densenet_onnx-checkpoint.ckpt";
    private static final String HEADER = "Model,Batch,Concurrency,Model Config Path,Instance Group,Max Batch Size,"
            + "Satisfies Constraints,Throughput (infer/sec),p99 Latency (ms)\n";

    @Test
    void everyCsvRowIsAPointWithItsBatchAndConcurrency() {
        ParsedFile file = parse(MODEL_ANALYZER, CSV);

        assertEquals("model_analyzer", file.tool());
        assertEquals(List.of(
                new OperatingPoint(2, "line 2 (resnet50_onnx_config_2, batch 1, concurrency 1)", 1, 1, null, null,
                        null, 3.1, 3.4, 341.2, null),
                new OperatingPoint(3, "line 3 (resnet50_onnx_config_2, batch 1, concurrency 4)", 1, 4, null, null,
                        null, 5.2, 5.9, 902.6, null),
                new OperatingPoint(4, "line 4 (resnet50_onnx_config_2, batch 4, concurrency 4)", 4, 4, null, null,
                        null, 12.7, 13.5, 1480.0, null),
                new OperatingPoint(5, "line 5 (resnet50_onnx_config_2, batch 8, concurrency 8)", 8, 8, null, null,
                        null, 40.3, 44.8, 1702.4, null)), file.points());
        assertEquals(List.of("1 row(s) do not satisfy Model Analyzer's constraints (lines 5); they are imported, and"
                + " the planner judges every row against the deployment's SLO"), file.notes());
    }

    @Test
    void everyCheckpointMeasurementIsARecordInDocumentOrder() {
        ParsedFile file = parse(MODEL_ANALYZER, CHECKPOINT);

        assertEquals(MODEL_ANALYZER, file.format());
        assertEquals(List.of(
                new OperatingPoint(1, "record 1 (densenet_onnx_config_1, batch 1, concurrency 1)", 1, 1, null, null,
                        2.914, 3.05, 3.412, 352.8, null),
                new OperatingPoint(2, "record 2 (densenet_onnx_config_1, batch 1, concurrency 4)", 1, 4, null, null,
                        6.2, 6.811, 7.902, 690.25, null),
                new OperatingPoint(3, "record 3 (densenet_onnx_config_1, batch 4, concurrency 4)", 4, 4, null, null,
                        19.447, 20.102, 22.5, 851.0, null)), file.points());
        assertTrue(file.notes().isEmpty());
    }

    @Test
    void requestRateRowsSetTheRateAndLeaveConcurrencyUnknown() {
        ParsedFile file = BenchmarkFileParser.parse(MODEL_ANALYZER, Samples.utf8("Model,Batch,Request Rate,"
                + "Model Config Path,Throughput (infer/sec),p90 Latency (ms),p99 Latency (ms)\n"
                + "vgg19_libtorch,1,16,vgg19_libtorch_config_default,14.716,7.501,12.577\n"));

        assertEquals(List.of(new OperatingPoint(2, "line 2 (vgg19_libtorch_config_default, batch 1, request rate 16)",
                1, null, 16.0, null, 7.501, null, 12.577, 14.716, null)), file.points());
    }

    @Test
    void checkpointRequestRateMeasurementsSetTheRate() {
        String checkpoint = """
                {"ResultManager.results": {"_results": {"vgg19_libtorch": {"vgg19_libtorch_config_default": [
                  {"_triton_env": {}, "_model_run_configs": []},
                  {"-m vgg19_libtorch_config_default -b 1 --request-rate-range=16": {"_model_config_measurements": [{
                    "_model_config_name": "vgg19_libtorch_config_default",
                    "_model_specific_pa_params": {"batch-size": 1, "concurrency-range": null, "request-rate-range": 16},
                    "_non_gpu_data": [["perf_latency_p99", {"_value": 12.577, "_timestamp": 0}],
                                      ["perf_throughput", {"_value": 14.716, "_timestamp": 0}]]}]}}]}}}}
                """;

        ParsedFile file = BenchmarkFileParser.parse(MODEL_ANALYZER, Samples.utf8(checkpoint));

        assertEquals(List.of(new OperatingPoint(1, "record 1 (vgg19_libtorch_config_default, batch 1, request rate 16)",
                1, null, 16.0, null, null, null, 12.577, 14.716, null)), file.points());
    }

    @Test
    void twoConfigsMeasuredAtTheSamePointAreAnErrorNamingBothLines() {
        BenchmarkFileException e = failure(MODEL_ANALYZER,
                Samples.bytes("model_analyzer/broken-two-configs-same-point.csv"));

        assertEquals(4, e.line());
        assertEquals("line 4: line 4 (resnet50_onnx_config_1, batch 1, concurrency 2) repeats the operating point of"
                + " line 2 (resnet50_onnx_config_0, batch 1, concurrency 2): the same batch size (1), concurrency (2)"
                + " and hardware (not given) may appear once in a file; each model config (instance count, dynamic"
                + " batching) is its own serving setup: import the rows of one config per variant", e.getMessage());
    }

    @Test
    void aSecondModelInTheCsvIsAnError() {
        BenchmarkFileException e = failure(MODEL_ANALYZER, HEADER
                + "resnet50_onnx,1,2,resnet50_onnx_config_0,1:GPU,8,Yes,512.0,4.4\n"
                + "vgg19_libtorch,1,2,vgg19_libtorch_config_0,1:GPU,8,Yes,98.0,21.4\n");

        assertEquals("line 3, column 1 (Model): 'vgg19_libtorch' is a second model (line 2 has 'resnet50_onnx'); an"
                + " import fills one variant, so export one model per file", e.getMessage());
    }

    @Test
    void aCsvWithoutTheP99ColumnIsAnErrorAtLineOne() {
        BenchmarkFileException e = failure(MODEL_ANALYZER, "Model,Batch,Concurrency,Throughput (infer/sec),"
                + "p95 Latency (ms)\nresnet50_onnx,1,2,512.0,4.4\n");

        assertEquals(1, e.line());
        assertEquals("p99 Latency (ms)", e.columnName());
    }

    @Test
    void aZeroBatchIsAnError() {
        BenchmarkFileException e = failure(MODEL_ANALYZER, HEADER
                + "resnet50_onnx,0,2,resnet50_onnx_config_0,1:GPU,8,Yes,512.0,4.4\n");

        assertEquals("line 2, column 2 (Batch): '0' must be at least 1", e.getMessage());
    }

    @Test
    void aCheckpointLatencyThatIsNotANumberNamesItsRecordAndField() {
        String text = Samples.text(CHECKPOINT).replace("\"_value\": 7.902", "\"_value\": \"fast\"");

        BenchmarkFileException e = failure(MODEL_ANALYZER, text);

        assertTrue(e.inRecord());
        assertEquals(2, e.line());
        assertEquals("perf_latency_p99", e.columnName());
        assertEquals("record 2 (perf_latency_p99): \"fast\" is not a number", e.getMessage());
    }

    @Test
    void aCheckpointMeasurementWithoutThroughputIsAnError() {
        String text = Samples.text(CHECKPOINT).replace("\"perf_throughput\"", "\"perf_throughput_old\"");

        assertEquals("record 1 (perf_throughput): the field is missing", failure(MODEL_ANALYZER, text).getMessage());
    }

    @Test
    void aCheckpointWithTwoModelsIsAnError() {
        String twoModels = "{\"ResultManager.results\": {\"_results\": {\"a\": {}, \"b\": {}}}}";

        assertEquals("line 1 (ResultManager.results._results): the checkpoint holds 2 models (a, b); an import fills"
                + " one variant, so profile one model per checkpoint", failure(MODEL_ANALYZER, twoModels).getMessage());
    }

    @Test
    void brokenJsonNamesItsLineAndColumn() {
        String text = Samples.text(CHECKPOINT).replaceFirst("\"_triton_env\": \\{\\},", "\"_triton_env\": {}");

        BenchmarkFileException e = failure(MODEL_ANALYZER, text);

        assertEquals(8, e.line());
        assertTrue(e.getMessage().startsWith("line 8, column 25: not valid JSON: Unexpected character ('\"'"),
                e.getMessage());
    }
}
