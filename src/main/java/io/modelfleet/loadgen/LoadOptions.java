package io.modelfleet.loadgen;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one run of the load generator measures: the target (an ONNX model or a KServe v2 endpoint) and the sweep of
 * (batch size, concurrency) points. Exactly one of {@link #onnx} and {@link #kserve} is present.
 */
record LoadOptions(Sweep sweep, Optional<OnnxSettings> onnx, Optional<KServeSettings> kserve) {

    static final String USAGE = """
            usage: java -jar modelfleet-loadgen.jar onnx --model FILE [options]
                   java -jar modelfleet-loadgen.jar kserve --url URL --model-name NAME --input-name NAME \
            --input-shape DIMS [options]
            sweep (both modes):
              --batch-sizes 1,8        batch sizes to measure (default 1)
              --concurrency 1,4        concurrent requesters per batch size (default 1)
              --duration 10s           measured time per point (default 10s; also 500ms, 2m)
              --warmup 2s              unmeasured time before each point (default 2s; 0 for none)
              --output FILE            also write the result document to FILE
              --seed 42                seed of the random inputs (default 42)
              --int-max 1              integer inputs are drawn from 0..int-max (default 1)
            onnx:
              --model FILE             the ONNX model
              --provider cpu|cuda      execution provider (default cpu; cuda needs an onnxruntime_gpu build)
              --input-shape auto|DIMS  dimensions after the batch one (default auto: as the model declares)
              --intra-op-threads N     ONNX Runtime threads per inference (default 0: ONNX Runtime chooses)
            kserve:
              --url URL                the server, e.g. http://localhost:8000
              --model-name NAME        --model-version V (optional)
              --input-name NAME        --input-shape DIMS (after the batch one, e.g. 3,224,224)
              --datatype FP32          FP32, FP64, FP16, BF16, INT8, UINT8, INT16, INT32, INT64 or BOOL (default FP32)
              --ready-timeout 60s      how long to wait for GET /v2/models/NAME/ready (default 60s)
              --request-timeout 30s    a request that takes longer counts as an error (default 30s)
            The result document is the last line of stdout; progress goes to stderr.
            Exit status: 0 ok, 1 target unusable, 2 bad arguments, 3 a point failed more than 1% of its requests.""";

    /** The points to measure and how; the same for both modes. */
    record Sweep(List<Integer> batchSizes, List<Integer> concurrencies, Duration duration, Duration warmup,
                 Optional<Path> output, long seed, long intMax) {
    }

    enum Provider {
        CPU, CUDA;

        String label() {
            return name().toLowerCase();
        }
    }

    /** {@code itemShape} empty means {@code --input-shape auto}. */
    record OnnxSettings(Path model, Provider provider, Optional<List<Long>> itemShape, int intraOpThreads) {
    }

    record KServeSettings(URI url, String modelName, Optional<String> modelVersion, String inputName,
                          List<Long> itemShape, ElementType datatype, Duration readyTimeout, Duration requestTimeout) {
    }

    /** Parses {@code onnx ...} or {@code kserve ...}; throws {@link UsageError} naming the argument at fault. */
    static LoadOptions parse(String[] args) {
        if (args.length == 0) {
            throw new UsageError("mode", "missing: the first argument is onnx or kserve");
        }
        String mode = args[0];
        Arguments arguments = Arguments.parse(Arrays.asList(args).subList(1, args.length));
        LoadOptions options = switch (mode) {
            case "onnx" -> new LoadOptions(sweep(arguments), Optional.of(onnx(arguments)), Optional.empty());
            case "kserve" -> new LoadOptions(sweep(arguments), Optional.empty(), Optional.of(kserve(arguments)));
            default -> throw new UsageError("mode", "'" + mode + "' is not onnx or kserve");
        };
        arguments.rejectUnknown(mode);
        return options;
    }

    private static Sweep sweep(Arguments arguments) {
        long intMax = arguments.longValue("--int-max", "1");
        if (intMax < 0) {
            throw new UsageError("--int-max", "must be 0 or more, not " + intMax);
        }
        return new Sweep(arguments.positiveIntegers("--batch-sizes", "1"),
                arguments.positiveIntegers("--concurrency", "1"),
                arguments.duration("--duration", "10s", false),
                arguments.duration("--warmup", "2s", true),
                arguments.optional("--output").map(Path::of),
                arguments.longValue("--seed", "42"),
                intMax);
    }

    private static OnnxSettings onnx(Arguments arguments) {
        Path model = Path.of(arguments.required("--model"));
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            throw new UsageError("--model", model + " is not a readable file");
        }
        String provider = arguments.text("--provider", "cpu").trim().toUpperCase();
        if (Arrays.stream(Provider.values()).noneMatch(p -> p.name().equals(provider))) {
            throw new UsageError("--provider", "'" + provider.toLowerCase() + "' is not cpu or cuda");
        }
        String shape = arguments.text("--input-shape", "auto").trim();
        Optional<List<Long>> itemShape = shape.equals("auto")
                ? Optional.empty() : Optional.of(arguments.dimensions("--input-shape", shape));
        return new OnnxSettings(model, Provider.valueOf(provider), itemShape,
                arguments.integerAtLeast("--intra-op-threads", "0", 0));
    }

    private static KServeSettings kserve(Arguments arguments) {
        return new KServeSettings(url(arguments.required("--url")),
                arguments.required("--model-name"),
                arguments.optional("--model-version"),
                arguments.required("--input-name"),
                arguments.dimensions("--input-shape", arguments.required("--input-shape")),
                ElementType.ofKServeName("--datatype", arguments.text("--datatype", "FP32")),
                arguments.duration("--ready-timeout", "60s", true),
                arguments.duration("--request-timeout", "30s", false));
    }

    private static URI url(String value) {
        try {
            URI url = new URI(value.trim());
            boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
            if (!http || url.getHost() == null || url.getQuery() != null || url.getFragment() != null) {
                throw new UsageError("--url", "'" + value
                        + "' is not an http(s) URL of a server, e.g. http://localhost:8000");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new UsageError("--url", "'" + value + "' is not a URL: " + e.getReason());
        }
    }
}
