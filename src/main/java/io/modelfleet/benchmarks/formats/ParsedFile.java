package io.modelfleet.benchmarks.formats;

import java.util.List;
import java.util.Objects;

/**
 * A benchmark file turned into operating points.
 *
 * @param tool   the tool that wrote the file, for provenance: perf_analyzer, mlperf_loadgen, model_analyzer,
 *               sagemaker_inference_recommender
 * @param points every operating point, in file order, never empty
 * @param notes  what a reader of the import must know: approximations, derived figures, skipped records, figures
 *               that look inconsistent; each a sentence
 */
public record ParsedFile(BenchmarkFormat format, String tool, List<OperatingPoint> points, List<String> notes) {

    public ParsedFile {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(tool, "tool");
        points = List.copyOf(points);
        notes = List.copyOf(notes);
    }
}
