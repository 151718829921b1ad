package io.modelfleet.loadgen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arguments: what they parse to, and bad ones exit with status 2 and a message that names the argument. */
class LoadOptionsTest {

    @TempDir
    static Path dir;

    private static Path model() {
        Path model = dir.resolve("model.onnx");
        try {
            if (!Files.exists(model)) {
                Files.write(model, OnnxModels.mlpFp32(1));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return model;
    }

    @Test
    void onnxArgumentsParseWithTheirDefaults() {
        LoadOptions options = LoadOptions.parse(new String[] {"onnx", "--model", model().toString(),
                "--batch-sizes", "1,8", "--concurrency=1,4", "--duration", "1.5s", "--warmup", "500ms"});

        assertEquals(List.of(1, 8), options.sweep().batchSizes());
        assertEquals(List.of(1, 4), options.sweep().concurrencies());
        assertEquals(Duration.ofMillis(1500), options.sweep().duration());
        assertEquals(Duration.ofMillis(500), options.sweep().warmup());
        assertEquals(Optional.empty(), options.sweep().output());
        assertEquals(42, options.sweep().seed());
        assertEquals(1, options.sweep().intMax());
        LoadOptions.OnnxSettings onnx = options.onnx().orElseThrow();
        assertEquals(LoadOptions.Provider.CPU, onnx.provider());
        assertEquals(Optional.empty(), onnx.itemShape());
        assertEquals(0, onnx.intraOpThreads());
        assertTrue(options.kserve().isEmpty());
    }

    @Test
    void kserveArgumentsParseWithTheirDefaults() {
        LoadOptions options = LoadOptions.parse(new String[] {"kserve", "--url", "http://localhost:8000",
                "--model-name", "resnet50", "--model-version", "1", "--input-name", "x", "--input-shape", "3,224,224",
                "--duration", "2m"});

        LoadOptions.KServeSettings kserve = options.kserve().orElseThrow();
        assertEquals(URI.create("http://localhost:8000"), kserve.url());
        assertEquals("resnet50", kserve.modelName());
        assertEquals(Optional.of("1"), kserve.modelVersion());
        assertEquals(List.of(3L, 224L, 224L), kserve.itemShape());
        assertEquals(ElementType.FP32, kserve.datatype());
        assertEquals(Duration.ofSeconds(60), kserve.readyTimeout());
        assertEquals(Duration.ofSeconds(30), kserve.requestTimeout());
        assertEquals(Duration.ofMinutes(2), options.sweep().duration());
        assertEquals(List.of(1), options.sweep().batchSizes());
    }

    static Stream<List<String>> badArguments() {
        String model = model().toString();
        String[] kserve = {"kserve", "--url", "http://localhost:8000", "--model-name", "m", "--input-name", "x",
                "--input-shape", "64"};
        return Stream.of(
                List.of("", "mode: missing"),
                List.of("tensorrt", "mode: 'tensorrt' is not onnx or kserve"),
                List.of("onnx", "--model: is required"),
                List.of("onnx --model /nowhere/model.onnx", "--model: /nowhere/model.onnx is not a readable file"),
                List.of("onnx --model " + model + " --batch-sizes 1,x", "--batch-sizes: 'x' is not a positive integer"),
                List.of("onnx --model " + model + " --batch-sizes 0", "--batch-sizes: '0' must be a positive integer"),
                List.of("onnx --model " + model + " --batch-sizes 8,8", "--batch-sizes: 8 is listed twice"),
                List.of("onnx --model " + model + " --concurrency -1",
                        "--concurrency: '-1' must be a positive integer"),
                List.of("onnx --model " + model + " --duration 10 seconds", "seconds: unexpected argument"),
                List.of("onnx --model " + model + " --duration 10h", "--duration: '10h' is not a duration"),
                List.of("onnx --model " + model + " --duration 0s", "--duration: must be longer than zero"),
                List.of("onnx --model " + model + " --warmup", "--warmup: needs a value"),
                List.of("onnx --model " + model + " --provider tpu", "--provider: 'tpu' is not cpu or cuda"),
                List.of("onnx --model " + model + " --input-shape 3,x", "--input-shape: 'x' is not a positive integer"),
                List.of("onnx --model " + model + " --intra-op-threads -2", "--intra-op-threads: must be at least 0"),
                List.of("onnx --model " + model + " --int-max -1", "--int-max: must be 0 or more"),
                List.of("onnx --model " + model + " --seed abc", "--seed: 'abc' is not an integer"),
                List.of("onnx --model " + model + " --url http://x", "--url: unknown argument for mode onnx"),
                List.of("onnx --model " + model + " --modle x", "--modle: unknown argument for mode onnx"),
                List.of("onnx --model " + model + " --model " + model, "--model: given twice"),
                List.of(String.join(" ", kserve) + " --datatype BYTES",
                        "--datatype: 'BYTES' is not a supported datatype"),
                List.of(String.join(" ", kserve) + " --ready-timeout soon",
                        "--ready-timeout: 'soon' is not a duration"),
                List.of(String.join(" ", kserve) + " --provider cuda", "--provider: unknown argument for mode kserve"),
                List.of("kserve --url ftp://host --model-name m --input-name x --input-shape 64",
                        "--url: 'ftp://host' is not an http(s) URL"),
                List.of("kserve --url http://localhost:8000 --input-name x --input-shape 64",
                        "--model-name: is required"),
                List.of("kserve --url http://localhost:8000 --model-name m --input-shape 64",
                        "--input-name: is required"),
                List.of("kserve --url http://localhost:8000 --model-name m --input-name x",
                        "--input-shape: is required"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentExitsWith2AndNamesTheArgument(List<String> argumentsAndMessage) {
        String line = argumentsAndMessage.get(0);
        List<String> args = line.isEmpty() ? List.of() : new ArrayList<>(List.of(line.split(" ")));

        LoadGeneratorRun run = LoadGeneratorRun.of(args);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("modelfleet-loadgen: " + argumentsAndMessage.get(1)), run.stderr());
        assertEquals("", run.stdout(), "nothing is measured, so no document is printed");
    }

    @Test
    void helpPrintsTheUsageAndExitsWith0() {
        LoadGeneratorRun run = LoadGeneratorRun.of("--help");

        assertEquals(ExitCodes.OK, run.exitCode());
        assertTrue(run.stdout().startsWith("usage: java -jar modelfleet-loadgen.jar onnx --model FILE"), run.stdout());
    }
}
