package io.modelfleet.benchmarks.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON answer of SageMaker's {@code DescribeInferenceRecommendationsJob} (what {@code aws sagemaker
 * describe-inference-recommendations-job} prints). Each entry of {@code InferenceRecommendations} is one record,
 * numbered from 1, and one operating point on the instance type it names.
 *
 * <p>Units, as the SageMaker API reference and the Inference Recommender guide give them: {@code MaxInvocations}
 * is requests per minute (divided by 60, one inference per request), {@code ModelLatency} milliseconds.
 * {@code ModelLatency} is "the expected model latency at maximum invocations", not a percentile, and the API has
 * no percentile field: it becomes the p99 as an approximation, and the notes say so. An endpoint measured with
 * {@code InitialInstanceCount} n > 1 has its invocations divided by n, for the throughput of one replica (a
 * conservative reading when the figure is per instance already; the default job always uses 1).
 *
 * <p>Refused: a job that did not complete (its FailureReason in the message). Skipped with a note: serverless
 * recommendations, which have no instance type to place on a node pool.
 */
final class SageMakerRecommendations {

    private static final String TOOL = "sagemaker_inference_recommender";
    private static final double SECONDS_PER_MINUTE = 60.0;
    private static final String INSTANCE_PREFIX = "ml.";
    /** A hardware profile name, as the catalog spells them (lowercase, digits, dots and dashes). */
    private static final String INSTANCE_TYPE = "[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?";

    /**
     * Fields the API reference types as strings. They are not imported, but a file where they are something else
     * is not what SageMaker wrote, and saying so beats importing figures from it.
     */
    private static final List<String> TEXT_FIELDS = List.of("JobName", "JobType", "JobDescription", "Status",
            "FailureReason");
    private static final List<String> RECORD_TEXT_FIELDS = List.of("RecommendationId",
            "EndpointConfiguration.EndpointName", "EndpointConfiguration.VariantName");
    /** Metrics the API reference types as numbers and that are not imported; the same reasoning. */
    private static final List<String> RECORD_NUMBER_FIELDS = List.of("Metrics.CostPerHour",
            "Metrics.CostPerInference", "Metrics.CpuUtilization", "Metrics.MemoryUtilization",
            "Metrics.ModelSetupTime");

    private SageMakerRecommendations() {
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    static ParsedFile parse(JsonDocument document) {
        JsonNode root = document.root();
        if (!root.isObject()) {
            throw Location.line(1).error("a DescribeInferenceRecommendationsJob answer is a JSON object");
        }
        for (String field : TEXT_FIELDS) {
            JsonNode value = root.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw Location.named(document.lineOf(field), field).error("is text in a"
                        + " DescribeInferenceRecommendationsJob answer, not " + shown(value));
            }
        }
        refuseUnfinishedJob(document);
        JsonNode recommendations = root.path("InferenceRecommendations");
        int listLine = document.lineOf("InferenceRecommendations");
        if (!recommendations.isArray()) {
            throw Location.named(listLine, "InferenceRecommendations").error("the document has no"
                    + " InferenceRecommendations list: give the DescribeInferenceRecommendationsJob answer as-is");
        }
        List<OperatingPoint> points = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int record = 0;
        for (JsonNode recommendation : recommendations) {
            record++;
            point(record, recommendation, notes).ifPresent(points::add);
        }
        if (points.isEmpty()) {
            throw Location.named(listLine, "InferenceRecommendations").refusal("the job has no instance"
                    + " recommendations to import");
        }
        Duplicates.requireUnique(points, true, "import one recommendation per instance type (they differ only in"
                + " EnvironmentParameters, which a benchmark row does not keep)");
        notes.add(0, "p99 is SageMaker's ModelLatency, the expected model latency at maximum invocations; SageMaker"
                + " reports no percentile, so this p99 is an approximation");
        notes.add(1, "throughput is MaxInvocations (requests per minute) / 60, one inference per request");
        return new ParsedFile(BenchmarkFormat.SAGEMAKER, TOOL, points, notes);
    }

    private static void refuseUnfinishedJob(JsonDocument document) {
        JsonNode status = document.root().get("Status");
        if (status != null && !status.asText().equals("COMPLETED")) {
            JsonNode failure = document.root().get("FailureReason");
            throw Location.named(document.lineOf("Status"), "Status").refusal("the job is " + status.asText()
                    + ", not COMPLETED" + (failure == null ? "" : ": " + failure.asText())
                    + "; import the answer of a completed job");
        }
    }

    private static Optional<OperatingPoint> point(int record, JsonNode recommendation, List<String> notes) {
        if (!recommendation.isObject()) {
            throw Location.record(record, null).error("a recommendation is a JSON object, not " + recommendation);
        }
        for (String field : RECORD_TEXT_FIELDS) {
            JsonNode value = recommendation.at("/" + field.replace('.', '/'));
            if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
                throw Location.record(record, field).error("is text in a recommendation, not " + shown(value));
            }
        }
        for (String field : RECORD_NUMBER_FIELDS) {
            JsonNode value = recommendation.at("/" + field.replace('.', '/'));
            if (!value.isMissingNode() && !value.isNull() && !value.isNumber()) {
                throw Location.record(record, field).error("is a number in a recommendation, not " + shown(value));
            }
        }
        JsonNode endpoint = recommendation.path("EndpointConfiguration");
        JsonNode instanceType = endpoint.get("InstanceType");
        if ((instanceType == null || instanceType.isNull()) && endpoint.has("ServerlessConfig")) {
            notes.add("record " + record + " is a serverless endpoint: it has no instance type to place, so it is"
                    + " skipped");
            return Optional.empty();
        }
        Location typeAt = Location.record(record, "EndpointConfiguration.InstanceType");
        if (instanceType == null || !instanceType.isTextual() || instanceType.asText().isBlank()) {
            throw typeAt.error("the recommendation names no instance type");
        }
        String type = instanceType.asText().trim();
        String hardware = type.startsWith(INSTANCE_PREFIX) ? type.substring(INSTANCE_PREFIX.length()) : type;
        if (!hardware.matches(INSTANCE_TYPE)) {
            throw typeAt.error("'" + (type.length() > 40 ? type.substring(0, 40) + "..." : type).replace("\u0000",
                    "\\u0000") + "' is not an instance type such as ml.g4dn.xlarge");
        }
        int instances = 1;
        JsonNode count = endpoint.get("InitialInstanceCount");
        if (count != null && !count.isNull()) {
            instances = JsonDocument.positiveWhole(count, Location.record(record,
                    "EndpointConfiguration.InitialInstanceCount"));
        }
        JsonNode metrics = recommendation.path("Metrics");
        double perMinute = JsonDocument.positive(metrics.get("MaxInvocations"),
                Location.record(record, "Metrics.MaxInvocations"));
        double latencyMs = JsonDocument.positive(metrics.get("ModelLatency"),
                Location.record(record, "Metrics.ModelLatency"));
        double rps = perMinute / SECONDS_PER_MINUTE / instances;
        if (instances > 1) {
            notes.add("record " + record + " was measured on " + instances + " instances: its "
                    + Numbers.show(perMinute) + " invocations per minute are divided by " + instances
                    + " for one replica");
        }
        String origin = "record " + record + " (" + type + (instances > 1 ? " x" + instances : "") + ")";
        return Optional.of(PointDraft.at(record, origin).p99Ms(latencyMs).throughputRps(rps)
                .hardware(hardware).build());
    }
}
