package io.modelfleet.benchmarks.formats;

import static io.modelfleet.benchmarks.formats.BenchmarkFormat.MLPERF;
import static io.modelfleet.benchmarks.formats.BenchmarkFormat.MODEL_ANALYZER;
import static io.modelfleet.benchmarks.formats.BenchmarkFormat.PERF_ANALYZER;
import static io.modelfleet.benchmarks.formats.BenchmarkFormat.SAGEMAKER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchmarkFormatTest {

    @ParameterizedTest
    @CsvSource({"perf_analyzer,PERF_ANALYZER", "MLPERF,MLPERF", "' Model_Analyzer ',MODEL_ANALYZER",
            "sagemaker,SAGEMAKER"})
    void aQueryValueNamesItsFormatWhateverItsCase(String value, BenchmarkFormat expected) {
        assertEquals(Optional.of(expected), BenchmarkFormat.fromParameter(value));
        assertEquals(expected.name().toLowerCase(java.util.Locale.ROOT), expected.parameter());
    }

    @Test
    void anUnknownQueryValueNamesNoFormat() {
        assertEquals(Optional.empty(), BenchmarkFormat.fromParameter("triton"));
        assertEquals(Optional.empty(), BenchmarkFormat.fromParameter("perf-analyzer"));
        assertEquals(Optional.empty(), BenchmarkFormat.fromParameter(""));
        assertEquals(Optional.empty(), BenchmarkFormat.fromParameter(null));
    }

    @ParameterizedTest
    @CsvSource({
            "perf_analyzer/resnet50-int8-t4-concurrency.csv,PERF_ANALYZER",
            "perf_analyzer/resnet50-int8-t4-concurrency-windows.csv,PERF_ANALYZER",
            "perf_analyzer/bert-base-fp16-request-rate.csv,PERF_ANALYZER",
            "mlperf/resnet50-server-valid.txt,MLPERF",
            "mlperf/resnet50-singlestream-valid.txt,MLPERF",
            "mlperf/resnet50-multistream-valid.txt,MLPERF",
            "mlperf/resnet50-offline-valid.txt,MLPERF",
            "mlperf/resnet50-server-invalid.txt,MLPERF",
            "model_analyzer/metrics-model-inference.csv,MODEL_ANALYZER",
            "model_analyzer/densenet_onnx-checkpoint.ckpt,MODEL_ANALYZER",
            "sagemaker/resnet50-int8-default-job.json,SAGEMAKER",
            "sagemaker/broken-job-failed.json,SAGEMAKER"})
    void everySampleIsDetectedWithoutAndWithAFittingContentType(String sample, BenchmarkFormat expected) {
        byte[] body = Samples.bytes(sample);
        String fitting = sample.endsWith(".json") || sample.endsWith(".ckpt") ? "application/json; charset=utf-8"
                : sample.endsWith(".csv") ? "text/csv" : "text/plain";

        assertEquals(Optional.of(expected), BenchmarkFormat.detect(null, body));
        assertEquals(Optional.of(expected), BenchmarkFormat.detect(fitting, body));
        assertEquals(Optional.of(expected), BenchmarkFormat.detect("application/octet-stream", body));
    }

    @Test
    void aContentTypeThatContradictsTheBodyLeavesTheFormatUnknown() {
        assertEquals(Optional.empty(), BenchmarkFormat.detect("application/json",
                Samples.bytes("perf_analyzer/resnet50-int8-t4-concurrency.csv")));
        assertEquals(Optional.empty(), BenchmarkFormat.detect("text/csv",
                Samples.bytes("sagemaker/resnet50-int8-default-job.json")));
        assertEquals(Optional.empty(),
                BenchmarkFormat.detect("TEXT/CSV", Samples.bytes("mlperf/resnet50-server-valid.txt")));
    }

    @Test
    void aBodyWithoutAnyToolsMarksIsUnknown() {
        assertEquals(Optional.empty(), BenchmarkFormat.detect(null, null));
        assertEquals(Optional.empty(), BenchmarkFormat.detect("text/csv", new byte[0]));
        assertEquals(Optional.empty(), BenchmarkFormat.detect(null, Samples.utf8("batch,latency\n1,2\n")));
        assertEquals(Optional.empty(), BenchmarkFormat.detect(null, Samples.utf8("{\"JobName\": \"x\"}")));
        assertEquals(Optional.empty(), BenchmarkFormat.detect(null, Samples.utf8("{\"InferenceRecommend")));
        assertEquals(Optional.empty(), BenchmarkFormat.detect("application/json", Samples.utf8("[1, 2]")));
        assertEquals(Optional.empty(), BenchmarkFormat.detect(null, new byte[] {(byte) 0xC3, (byte) 0x28}));
    }

    @Test
    void theJsonKeyIsFoundAfterOtherTopLevelFields() {
        String job = "{\"JobName\": \"x\", \"InputConfig\": {\"InferenceRecommendations\": 1},\n"
                + " \"InferenceRecommendations\": []}";
        String checkpoint = "{\"MetricsManager.gpus\": {}, \"ResultManager.results\": {}}";

        assertEquals(Optional.of(SAGEMAKER), BenchmarkFormat.detect(null, Samples.utf8(job)));
        assertEquals(Optional.of(MODEL_ANALYZER), BenchmarkFormat.detect(null, Samples.utf8(checkpoint)));
        assertEquals(Optional.of(PERF_ANALYZER), BenchmarkFormat.detect(null, Samples.utf8(
                "\"Concurrency\",\"Inferences/Second\",\"p99 latency\"\n")));
        assertEquals(Optional.of(MLPERF), BenchmarkFormat.detect(null, Samples.utf8(
                "\n\n================================================\nMLPerf Results Summary\n")));
    }
}
