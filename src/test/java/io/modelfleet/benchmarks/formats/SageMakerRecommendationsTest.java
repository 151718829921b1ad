package io.modelfleet.benchmarks.formats;

import static io.modelfleet.benchmarks.formats.BenchmarkFormat.SAGEMAKER;
import static io.modelfleet.benchmarks.formats.Samples.failure;
import static io.modelfleet.benchmarks.formats.Samples.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SageMakerRecommendationsTest {

    private static final String JOB = "sagemaker/resnet50-int8-default-job.json";

    @Test
    void everyInstanceRecommendationIsAPointOnItsHardwareWithInvocationsPerSecond() {
        ParsedFile file = parse(SAGEMAKER, JOB);

        assertEquals("sagemaker_inference_recommender", file.tool());
        // 15300 / 60 = 255, 7800 / 60 = 130, 4920 / 60 / 2 instances = 41
        assertEquals(List.of(
                new OperatingPoint(1, "record 1 (ml.g4dn.xlarge)", null, null, null, null, null, null, 9.0, 255.0,
                        "g4dn.xlarge"),
                new OperatingPoint(2, "record 2 (ml.inf1.xlarge)", null, null, null, null, null, null, 14.0, 130.0,
                        "inf1.xlarge"),
                new OperatingPoint(3, "record 3 (ml.c6i.2xlarge x2)", null, null, null, null, null, null, 31.0, 41.0,
                        "c6i.2xlarge")), file.points());
    }

    @Test
    void theNotesSayTheP99IsAnApproximationAndWhatWasSkipped() {
        ParsedFile file = parse(SAGEMAKER, JOB);

        assertEquals(List.of(
                "p99 is SageMaker's ModelLatency, the expected model latency at maximum invocations; SageMaker reports"
                        + " no percentile, so this p99 is an approximation",
                "throughput is MaxInvocations (requests per minute) / 60, one inference per request",
                "record 3 was measured on 2 instances: its 4920 invocations per minute are divided by 2 for one"
                        + " replica",
                "record 4 is a serverless endpoint: it has no instance type to place, so it is skipped"),
                file.notes());
    }

    @Test
    void aJobThatFailedIsRefusedWithItsFailureReason() {
        BenchmarkFileException e = failure(SAGEMAKER, Samples.bytes("sagemaker/broken-job-failed.json"));

        assertTrue(e.refused());
        assertEquals(7, e.line());
        assertEquals("line 7 (Status): the job is FAILED, not COMPLETED: ClientError: The model container failed to"
                + " pass the ping health check.; import the answer of a completed job", e.getMessage());
    }

    @Test
    void aMissingMaxInvocationsNamesItsRecordAndField() {
        String text = Samples.text(JOB).replaceFirst("\"MaxInvocations\": 7800,", "");

        BenchmarkFileException e = failure(SAGEMAKER, text);

        assertFalse(e.refused());
        assertTrue(e.inRecord());
        assertEquals(2, e.line());
        assertEquals("record 2 (Metrics.MaxInvocations): the field is missing", e.getMessage());
    }

    @Test
    void aNegativeModelLatencyIsAnError() {
        String text = Samples.text(JOB).replaceFirst("\"ModelLatency\": 31", "\"ModelLatency\": -31");

        assertEquals("record 3 (Metrics.ModelLatency): '-31' must be greater than zero",
                failure(SAGEMAKER, text).getMessage());
    }

    @Test
    void aNanModelLatencyIsAnError() {
        String text = Samples.text(JOB).replaceFirst("\"ModelLatency\": 9", "\"ModelLatency\": NaN");

        assertEquals("record 1 (Metrics.ModelLatency): 'NaN' is not a finite number",
                failure(SAGEMAKER, text).getMessage());
    }

    @Test
    void invocationsWrittenAsTextAreAnError() {
        String text = Samples.text(JOB).replaceFirst("\"MaxInvocations\": 15300", "\"MaxInvocations\": \"15300\"");

        assertEquals("record 1 (Metrics.MaxInvocations): \"15300\" is not a number",
                failure(SAGEMAKER, text).getMessage());
    }

    @Test
    void twoRecommendationsForOneInstanceTypeAreAnErrorNamingBoth() {
        String text = Samples.text(JOB).replace("\"ml.inf1.xlarge\"", "\"ml.g4dn.xlarge\"");

        BenchmarkFileException e = failure(SAGEMAKER, text);

        assertEquals(2, e.line());
        assertEquals("record 2: record 2 (ml.g4dn.xlarge) repeats the operating point of record 1 (ml.g4dn.xlarge):"
                + " the same batch size (not given), concurrency (not given) and hardware (g4dn.xlarge) may appear"
                + " once in a file; import one recommendation per instance type (they differ only in"
                + " EnvironmentParameters, which a benchmark row does not keep)", e.getMessage());
    }

    @Test
    void aRecommendationWithoutAnInstanceTypeIsAnError() {
        String text = Samples.text(JOB).replace("\"InstanceType\": \"ml.inf1.xlarge\",", "");

        assertEquals("record 2 (EndpointConfiguration.InstanceType): the recommendation names no instance type",
                failure(SAGEMAKER, text).getMessage());
    }

    @Test
    void aDocumentWithoutRecommendationsIsAnError() {
        BenchmarkFileException e = failure(SAGEMAKER, "{\n  \"JobName\": \"x\",\n  \"Status\": \"COMPLETED\"\n}\n");

        assertEquals("line 1 (InferenceRecommendations): the document has no InferenceRecommendations list: give the"
                + " DescribeInferenceRecommendationsJob answer as-is", e.getMessage());
    }

    @Test
    void onlyServerlessRecommendationsAreRefused() {
        String text = "{\"Status\": \"COMPLETED\",\n \"InferenceRecommendations\": [{\"Metrics\": {\"MaxInvocations\":"
                + " 1080, \"ModelLatency\": 118}, \"EndpointConfiguration\": {\"ServerlessConfig\": {}}}]}";

        BenchmarkFileException e = failure(SAGEMAKER, text);

        assertTrue(e.refused());
        assertEquals("line 2 (InferenceRecommendations): the job has no instance recommendations to import",
                e.getMessage());
    }

    @Test
    void brokenJsonNamesItsLineAndColumn() {
        BenchmarkFileException e = failure(SAGEMAKER, "{\n  \"InferenceRecommendations\": [\n    {\"Metrics\": }\n");

        assertEquals(3, e.line());
        assertEquals(17, e.column());
        assertTrue(e.getMessage().startsWith("line 3, column 17: not valid JSON: Unexpected character ('}'"),
                e.getMessage());
    }

    @Test
    void aDuplicateKeyIsBrokenJson() {
        BenchmarkFileException e = failure(SAGEMAKER, "{\"Status\": \"COMPLETED\", \"Status\": \"FAILED\"}");

        assertTrue(e.getMessage().startsWith("line 1, column "), e.getMessage());
        assertTrue(e.reason().startsWith("not valid JSON: Duplicate field 'Status'"), e.reason());
    }

    @Test
    void aPerfAnalyzerCsvGivenAsSageMakerIsNamedForWhatItIs() {
        BenchmarkFileException e = failure(SAGEMAKER, Samples.bytes("perf_analyzer/bert-base-fp16-request-rate.csv"));

        assertEquals("line 1: this is a Triton perf_analyzer CSV, not a SageMaker Inference Recommender job"
                + " description; import it with format=perf_analyzer", e.getMessage());
    }
}
