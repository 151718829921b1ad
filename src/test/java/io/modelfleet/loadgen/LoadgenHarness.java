package io.modelfleet.loadgen;

import java.time.Duration;
import java.util.List;

/**
 * The load generator and its KServe v2 test server for tests outside this package (the profiling Job controller):
 * one run in this JVM as a Job runs it (exit status, stdout, stderr), and a real KServe v2 server serving the
 * seeded MLP of {@link OnnxModels} through ONNX Runtime.
 */
public final class LoadgenHarness {

    /** The MLP's one input: {@code x}, {@link OnnxModels#MLP_INPUTS} floats per item. */
    public static final String MLP_INPUT = "x";

    private LoadgenHarness() {
    }

    /** One run's outcome, as a pod's container would end. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    /** A KServe v2 server on a free loopback port. */
    public interface Server extends AutoCloseable {

        String url();

        /** Inference requests answered 500 on purpose so far. */
        long injectedFailures();

        @Override
        void close();
    }

    public static Run run(List<String> args) {
        LoadGeneratorRun run = LoadGeneratorRun.of(args);
        return new Run(run.exitCode(), run.stdout(), run.stderr());
    }

    /**
     * Serves the FP32 MLP of {@code seed} as {@code modelName}, ready at once.
     *
     * @param failEvery 0: never fails; n: answers 500 to every n-th inference request
     */
    public static Server mlpServer(String modelName, long seed, int failEvery) {
        KServeTestServer server;
        try {
            server = new KServeTestServer(OnnxModels.mlpFp32(seed), modelName, failEvery, Duration.ZERO);
        } catch (Exception e) {
            throw new IllegalStateException("the KServe v2 test server did not start", e);
        }
        return new Server() {
            @Override
            public String url() {
                return server.url();
            }

            @Override
            public long injectedFailures() {
                return server.injectedFailures();
            }

            @Override
            public void close() {
                try {
                    server.close();
                } catch (Exception e) {
                    throw new IllegalStateException("the KServe v2 test server did not stop", e);
                }
            }
        };
    }
}
