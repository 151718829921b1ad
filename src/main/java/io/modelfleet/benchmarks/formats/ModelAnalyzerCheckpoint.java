package io.modelfleet.benchmarks.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Triton Model Analyzer's checkpoint ({@code checkpoints/0.ckpt}), the JSON form of what its CSV reports show: the
 * same measurements, before any output-field selection. Its shape:
 * <pre>
 * {"ResultManager.results": {"_results": {"&lt;model&gt;": {"&lt;model config&gt;": [
 *     {run config: model config, perf_analyzer flags},
 *     {"&lt;perf_analyzer command&gt;": {"_model_config_measurements": [{
 *         "_model_config_name": "...",
 *         "_model_specific_pa_params": {"batch-size": 4, "concurrency-range": 8, "request-rate-range": null},
 *         "_non_gpu_data": [["perf_throughput", {"_value": 1234.5}], ["perf_latency_p99", {"_value": 9.1}], ...]
 *     }]}, ...}]}}}}
 * </pre>
 * Each entry of {@code _model_config_measurements} is one record, numbered from 1 in document order. Latencies are
 * milliseconds (perf_latency_p99, _p95, _p90; Model Analyzer has no p50), throughput inferences per second.
 */
final class ModelAnalyzerCheckpoint {

    private static final String RESULTS = "ResultManager.results";

    private ModelAnalyzerCheckpoint() {
    }

    static ParsedFile parse(JsonDocument document) {
        JsonNode root = document.root();
        JsonNode models = root.path(RESULTS).path("_results");
        int resultsLine = document.lineOf(RESULTS);
        if (!models.isObject()) {
            throw Location.named(resultsLine, RESULTS + "._results").error("a Model Analyzer checkpoint has the"
                    + " measurements under \"" + RESULTS + "\" -> \"_results\"; this document does not");
        }
        if (models.size() != 1) {
            List<String> names = models.properties().stream().map(Map.Entry::getKey).toList();
            throw Location.named(resultsLine, RESULTS + "._results").error("the checkpoint holds " + models.size()
                    + " models (" + String.join(", ", names) + "); an import fills one variant, so profile one model"
                    + " per checkpoint");
        }
        List<OperatingPoint> points = new ArrayList<>();
        int record = 0;
        JsonNode configs = models.properties().iterator().next().getValue();
        for (Map.Entry<String, JsonNode> config : configs.properties()) {
            JsonNode measurementsByCommand = config.getValue().path(1);
            for (JsonNode measurement : iterable(measurementsByCommand)) {
                for (JsonNode entry : iterable(measurement.path("_model_config_measurements"))) {
                    record++;
                    points.add(point(record, config.getKey(), entry));
                }
            }
        }
        if (points.isEmpty()) {
            throw Location.named(resultsLine, RESULTS + "._results").error("the checkpoint holds no measurements");
        }
        Duplicates.requireUnique(points, true, ModelAnalyzerCsv.ONE_CONFIG_HINT);
        return new ParsedFile(BenchmarkFormat.MODEL_ANALYZER, ModelAnalyzerCsv.TOOL, points, List.of());
    }

    private static OperatingPoint point(int record, String configKey, JsonNode entry) {
        String configName = entry.path("_model_config_name").asText(configKey);
        JsonNode params = entry.path("_model_specific_pa_params");
        int batch = JsonDocument.positiveWhole(params.get("batch-size"), Location.record(record, "batch-size"));
        JsonNode concurrencyNode = params.get("concurrency-range");
        JsonNode rateNode = params.get("request-rate-range");
        boolean hasConcurrency = concurrencyNode != null && !concurrencyNode.isNull();
        boolean hasRate = rateNode != null && !rateNode.isNull();
        if (hasConcurrency == hasRate) {
            throw Location.record(record, "concurrency-range").error("a measurement has exactly one of"
                    + " concurrency-range and request-rate-range; this one has " + (hasRate ? "both" : "neither"));
        }
        String prefix = "record " + record + " (" + configName + ", batch " + batch;
        PointDraft draft;
        if (hasConcurrency) {
            int concurrency = JsonDocument.positiveWhole(concurrencyNode, Location.record(record, "concurrency-range"));
            draft = PointDraft.at(record, prefix + ", concurrency " + concurrency + ")").concurrency(concurrency);
        } else {
            double rate = JsonDocument.positive(rateNode, Location.record(record, "request-rate-range"));
            draft = PointDraft.at(record, prefix + ", request rate " + Numbers.show(rate) + ")").requestRate(rate);
        }
        Map<String, JsonNode> metrics = metrics(record, entry.path("_non_gpu_data"));
        Double p90 = optional(record, metrics, "perf_latency_p90");
        Double p95 = optional(record, metrics, "perf_latency_p95");
        double p99 = JsonDocument.positive(metrics.get("perf_latency_p99"),
                Location.record(record, "perf_latency_p99"));
        new Percentiles()
                .add("perf_latency_p90", p90, Location.record(record, "perf_latency_p90"))
                .add("perf_latency_p95", p95, Location.record(record, "perf_latency_p95"))
                .add("perf_latency_p99", p99, Location.record(record, "perf_latency_p99"))
                .requireRising();
        double rps = JsonDocument.positive(metrics.get("perf_throughput"), Location.record(record, "perf_throughput"));
        return draft.batchSize(batch).p90Ms(p90).p95Ms(p95).p99Ms(p99).throughputRps(rps).build();
    }

    /** {@code [[tag, {"_value": v}], ...]} as tag to value node. */
    private static Map<String, JsonNode> metrics(int record, JsonNode pairs) {
        if (!pairs.isArray()) {
            throw Location.record(record, "_non_gpu_data").error("the measurement has no _non_gpu_data list");
        }
        Map<String, JsonNode> values = new HashMap<>();
        for (JsonNode pair : pairs) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual()) {
                throw Location.record(record, "_non_gpu_data").error(pair + " is not a [tag, record] pair");
            }
            values.put(pair.get(0).asText(), pair.get(1).get("_value"));
        }
        return values;
    }

    private static Double optional(int record, Map<String, JsonNode> metrics, String tag) {
        JsonNode value = metrics.get(tag);
        return value == null ? null : JsonDocument.positive(value, Location.record(record, tag));
    }

    /** The values of an object or the elements of an array; nothing for a missing node. */
    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isObject() ? node.properties().stream().map(Map.Entry::getValue).toList() : node;
    }
}
