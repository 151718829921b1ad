package io.modelfleet.benchmarks.formats;

import java.util.Objects;

/**
 * Turns a benchmark tool's output file into operating points, or says exactly what is wrong with it: every error
 * names the line (or JSON record) and, in tables, the column and its header (design 007, B1). Pure: no I/O beyond
 * the bytes given, no framework.
 */
public final class BenchmarkFileParser {

    private BenchmarkFileParser() {
    }

    /**
     * @throws BenchmarkFileException when the file is empty, is another tool's format, is malformed, or holds figures
     *                                that must not be imported ({@link BenchmarkFileException#refused()})
     */
    public static ParsedFile parse(BenchmarkFormat format, byte[] body) {
        Objects.requireNonNull(format, "format");
        if (body == null || TextLines.isBlank(body)) {
            throw Location.line(1).error("the file is empty");
        }
        refuseOtherFormat(format, body);
        return switch (format) {
            case PERF_ANALYZER -> PerfAnalyzerCsv.parse(TextLines.of(body));
            case MLPERF -> MlperfSummary.parse(TextLines.of(body));
            case MODEL_ANALYZER -> FormatDetector.startsWithBrace(body)
                    ? ModelAnalyzerCheckpoint.parse(JsonDocument.read(body))
                    : ModelAnalyzerCsv.parse(TextLines.of(body));
            case SAGEMAKER -> SageMakerRecommendations.parse(JsonDocument.read(body));
        };
    }

    /** A file that plainly is another tool's gets that said, rather than a puzzling "no column" error. */
    private static void refuseOtherFormat(BenchmarkFormat format, byte[] body) {
        FormatDetector.evidence(body).filter(evidence -> evidence.format() != format).ifPresent(evidence -> {
            throw Location.line(evidence.line()).error("this is a " + evidence.format().title() + ", not a "
                    + format.title() + "; import it with format=" + evidence.format().parameter());
        });
    }
}
