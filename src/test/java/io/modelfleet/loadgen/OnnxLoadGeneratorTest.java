package io.modelfleet.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator measuring real ONNX models (written by {@link OnnxModels}) through ONNX Runtime on this CPU, in
 * the same JVM, exactly as {@code java -jar modelfleet-loadgen.jar onnx ...} would.
 */
class OnnxLoadGeneratorTest {

    private static final List<Integer> BATCHES = List.of(1, 8);
    private static final List<Integer> CONCURRENCIES = List.of(1, 2);
    private static final double SECONDS = 1.5;

    @TempDir
    Path dir;

    @Test
    void fp32MlpSweepReportsFourPointsThatObeyLittlesLaw() throws IOException {
        Path model = write("mlp-fp32.onnx", OnnxModels.mlpFp32(1));

        LoadGeneratorRun run = LoadGeneratorRun.of(sweep(model));

        run.assertConsistentSweep(BATCHES, CONCURRENCIES, SECONDS);
        JsonNode document = run.document();
        assertEquals("modelfleet-loadgen", document.get("tool").asText());
        assertEquals(1, document.get("version").asInt());
        assertEquals("onnx", document.get("target").asText());
        assertEquals(model.toString(), document.get("model").asText());
        assertEquals("cpu", document.get("provider").asText());
        Instant started = Instant.parse(document.get("startedAt").asText());
        assertTrue(started.isBefore(Instant.now()) && started.isAfter(Instant.now().minusSeconds(60)));
        assertEquals(Runtime.getRuntime().availableProcessors(), document.get("host").get("cpus").asInt());
        assertEquals(System.getProperty("os.name"), document.get("host").get("os").asText());
        List<String> fields = new ArrayList<>();
        document.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("tool", "version", "target", "model", "provider", "startedAt", "host", "points"), fields);
        List<String> pointFields = new ArrayList<>();
        document.get("points").get(0).fieldNames().forEachRemaining(pointFields::add);
        assertEquals(List.of("batchSize", "concurrency", "durationSeconds", "requests", "inferences", "errors",
                "throughputRps", "meanMs", "p50Ms", "p90Ms", "p99Ms"), pointFields);
    }

    @Test
    void int8MlpSweepReportsFourPointsThatObeyLittlesLaw() throws IOException {
        Path model = write("mlp-int8.onnx", OnnxModels.mlpInt8(1));

        LoadGeneratorRun.of(sweep(model)).assertConsistentSweep(BATCHES, CONCURRENCIES, SECONDS);
    }

    @Test
    void int64IndexInputIsFedValidIdsAndTheDocumentIsAlsoWrittenToTheOutputFile() throws IOException {
        Path model = write("embedding.onnx", OnnxModels.tokenEmbeddingInt64(1));
        Path output = dir.resolve("results/result.json");

        LoadGeneratorRun run = LoadGeneratorRun.of("onnx", "--model", model.toString(), "--batch-sizes", "4",
                "--duration", "500ms", "--warmup", "0", "--int-max", String.valueOf(OnnxModels.EMBEDDING_ROWS - 1),
                "--intra-op-threads", "1", "--output", output.toString());

        run.assertConsistentSweep(List.of(4), List.of(1), 0.5);
        assertEquals(run.lastLine() + "\n", Files.readString(output, StandardCharsets.UTF_8));
    }

    @Test
    void int8InputIsFedInt8Tensors() throws IOException {
        Path model = write("int8-input.onnx", OnnxModels.int8InputMatMul(1));

        LoadGeneratorRun run = LoadGeneratorRun.of("onnx", "--model", model.toString(), "--batch-sizes", "2",
                "--concurrency", "2", "--duration", "500ms", "--warmup", "100ms", "--intra-op-threads", "1");

        run.assertConsistentSweep(List.of(2), List.of(2), 0.5);
        assertTrue(run.stderr().contains("type=INT8"), run.stderr());
    }

    @Test
    void requestsThatFailAreCountedAsErrorsAndFailTheRunWithStatus3() throws IOException {
        // ids up to 100 index past the 8-row table: ONNX Runtime refuses every such request
        Path model = write("embedding.onnx", OnnxModels.tokenEmbeddingInt64(1));

        LoadGeneratorRun run = LoadGeneratorRun.of("onnx", "--model", model.toString(), "--duration", "300ms",
                "--warmup", "0", "--int-max", "100", "--intra-op-threads", "1");

        assertEquals(ExitCodes.TOO_MANY_ERRORS, run.exitCode(), run.stderr());
        JsonNode point = run.document().get("points").get(0);
        assertEquals(0, point.get("requests").asLong());
        assertEquals(0, point.get("inferences").asLong());
        assertTrue(point.get("errors").asLong() > 0, point.toString());
        assertEquals(0.0, point.get("throughputRps").asDouble());
        assertTrue(point.get("p99Ms").isNull(), point.toString());
        assertTrue(run.stderr().contains("out of bounds") || run.stderr().contains("indices"), run.stderr());
    }

    @Test
    void cudaProviderThatThisBuildLacksIsABadArgument() throws IOException {
        Path model = write("mlp-fp32.onnx", OnnxModels.mlpFp32(1));

        LoadGeneratorRun run = LoadGeneratorRun.of("onnx", "--model", model.toString(), "--provider", "cuda");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("--provider: cuda is not available"), run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void aFileThatIsNotAnOnnxModelFailsTheTargetWithStatus1() throws IOException {
        Path model = write("broken.onnx", "not a model".getBytes(StandardCharsets.UTF_8));

        LoadGeneratorRun run = LoadGeneratorRun.of("onnx", "--model", model.toString());

        assertEquals(ExitCodes.TARGET_FAILED, run.exitCode());
        assertTrue(run.stderr().contains("ONNX Runtime could not load " + model), run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void anInputShapeTheModelCannotTakeIsABadArgument() throws IOException {
        Path model = write("mlp-fp32.onnx", OnnxModels.mlpFp32(1));

        LoadGeneratorRun run = LoadGeneratorRun.of("onnx", "--model", model.toString(), "--input-shape", "32");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("--input-shape: dimension 1 of input 'x' is fixed at 64 by the model, not 32"),
                run.stderr());
    }

    private List<String> sweep(Path model) {
        return List.of("onnx", "--model", model.toString(), "--batch-sizes", "1,8", "--concurrency", "1,2",
                "--duration", SECONDS + "s", "--warmup", "300ms", "--intra-op-threads", "1");
    }

    private Path write(String name, byte[] model) throws IOException {
        return Files.write(dir.resolve(name), model);
    }
}
