package io.modelfleet.loadgen;

import io.modelfleet.loadgen.LoadOptions.Sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ModelFleet's load generator (docs/loadgen.md): measures an ONNX model in process, or a KServe v2 server over
 * HTTP, at every (batch size, concurrency) point of a sweep, and prints one JSON result document as the last line of
 * stdout. A profiling Job runs it on the hardware being measured; the control plane reads that line.
 */
public final class LoadGenerator {

    private static final Set<String> HELP = Set.of("--help", "-h", "help");

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one sweep and returns the exit status ({@link ExitCodes}); {@code out} receives only the document. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && HELP.contains(args[0])) {
            out.println(LoadOptions.USAGE);
            return ExitCodes.OK;
        }
        try {
            LoadOptions options = LoadOptions.parse(args);
            Instant startedAt = Instant.now();
            try (InferenceTarget target = open(options, err)) {
                ResultDocument document = ResultDocument.of(target, startedAt, ResultDocument.Host.current(),
                        sweep(target, options.sweep(), err));
                String json = document.toJson();
                out.println(json);
                out.flush();
                if (options.sweep().output().isPresent()) {
                    write(options.sweep().output().get(), json);
                    err.println("wrote " + options.sweep().output().get());
                }
                if (document.tooManyErrors()) {
                    err.println("modelfleet-loadgen: a point failed more than "
                            + (int) (ResultDocument.MAX_ERROR_RATE * 100) + "% of its requests");
                    return ExitCodes.TOO_MANY_ERRORS;
                }
                return ExitCodes.OK;
            }
        } catch (UsageError e) {
            err.println("modelfleet-loadgen: " + e.getMessage());
            err.println("(java -jar modelfleet-loadgen.jar --help lists the arguments)");
            return ExitCodes.USAGE;
        } catch (TargetFailure e) {
            err.println("modelfleet-loadgen: " + e.getMessage());
            return ExitCodes.TARGET_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("modelfleet-loadgen: interrupted");
            return ExitCodes.TARGET_FAILED;
        }
    }

    private static InferenceTarget open(LoadOptions options, PrintStream progress)
            throws TargetFailure, InterruptedException {
        if (options.onnx().isPresent()) {
            OnnxTarget target = OnnxTarget.open(options.onnx().get(), options.sweep());
            progress.println("loaded " + target.model() + " on " + target.provider() + ", inputs " + target.inputs());
            return target;
        }
        return KServeTarget.connect(options.kserve().orElseThrow(), options.sweep(), progress);
    }

    private static List<PointResult> sweep(InferenceTarget target, Sweep sweep, PrintStream progress)
            throws TargetFailure, InterruptedException {
        ClosedLoop loop = new ClosedLoop(target, sweep.warmup(), sweep.duration(), progress);
        List<PointResult> points = new ArrayList<>();
        for (int batchSize : sweep.batchSizes()) {
            for (int concurrency : sweep.concurrencies()) {
                points.add(loop.measure(batchSize, concurrency));
            }
        }
        return points;
    }

    private static void write(Path output, String json) throws TargetFailure {
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, json + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TargetFailure("--output: could not write " + output + ": " + e.getMessage(), e);
        }
    }
}
