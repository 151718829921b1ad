package io.modelfleet.benchmarks.formats;

import java.util.Locale;
import java.util.Optional;

/** The benchmark tools whose output ModelFleet imports; docs/benchmarks.md describes what is read from each. */
public enum BenchmarkFormat {

    /** Triton's {@code perf_analyzer -f out.csv}. */
    PERF_ANALYZER("perf_analyzer", "perf_analyzer", "Triton perf_analyzer CSV"),
    /** MLPerf loadgen's {@code mlperf_log_summary.txt}. */
    MLPERF("mlperf", "mlperf_loadgen", "MLPerf loadgen summary"),
    /** Triton Model Analyzer's {@code metrics-model-inference.csv} or its checkpoint JSON. */
    MODEL_ANALYZER("model_analyzer", "model_analyzer", "Triton Model Analyzer metrics file"),
    /** The JSON answer of SageMaker's {@code DescribeInferenceRecommendationsJob}. */
    SAGEMAKER("sagemaker", "sagemaker_inference_recommender", "SageMaker Inference Recommender job description");

    private final String parameter;
    private final String tool;
    private final String title;

    BenchmarkFormat(String parameter, String tool, String title) {
        this.parameter = parameter;
        this.tool = tool;
        this.title = title;
    }

    /** The query value that names this format: perf_analyzer, mlperf, model_analyzer, sagemaker. */
    public String parameter() {
        return parameter;
    }

    /** The tool that writes it, as provenance records it. */
    public String tool() {
        return tool;
    }

    /** A readable name for messages, e.g. "MLPerf loadgen summary". */
    public String title() {
        return title;
    }

    /** The format a query value names (case-insensitive, surrounding blanks ignored); empty if none. */
    public static Optional<BenchmarkFormat> fromParameter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (BenchmarkFormat format : values()) {
            if (format.parameter.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * The best guess when no format parameter was given, from the Content-Type and the body's own marks (a CSV
     * header, the loadgen banner, a JSON document's top-level keys). Empty when unsure, or when the Content-Type
     * contradicts the body (JSON declared, CSV sent): guessing then would import the wrong thing.
     */
    public static Optional<BenchmarkFormat> detect(String contentType, byte[] body) {
        return FormatDetector.detect(contentType, body);
    }
}
