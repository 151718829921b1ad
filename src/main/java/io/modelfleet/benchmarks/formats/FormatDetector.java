package io.modelfleet.benchmarks.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises a benchmark file by what each tool always writes: perf_analyzer's header starts with Concurrency or
 * Request Rate and has Inferences/Second; Model Analyzer's has Throughput (infer/sec), and its checkpoint JSON the
 * key "ResultManager.results"; loadgen's summary has its "MLPerf Results Summary" banner; SageMaker's answer has
 * "InferenceRecommendations", or at least a JobArn of an inference-recommendations-job. Anything else is
 * "unsure": a wrong guess imports garbage, no guess asks the user.
 */
final class FormatDetector {

    /** A recognised format and the line that shows it, for "this is a ..., not a ..." errors. */
    record Evidence(BenchmarkFormat format, int line, boolean json) {
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final int BANNER_SEARCH_LINES = 5;

    private FormatDetector() {
    }

    static Optional<BenchmarkFormat> detect(String contentType, byte[] body) {
        if (body == null) {
            return Optional.empty();
        }
        Optional<Evidence> evidence = evidence(body);
        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        String media = mediaType(contentType);
        boolean declaresJson = media.equals("application/json") || media.endsWith("+json");
        boolean declaresCsv = media.equals("text/csv");
        boolean json = evidence.get().json();
        if ((declaresJson && !json) || (declaresCsv && (json || evidence.get().format() == BenchmarkFormat.MLPERF))) {
            return Optional.empty();
        }
        return Optional.of(evidence.get().format());
    }

    /** What the body itself shows, ignoring any Content-Type. Never throws: an unreadable body is just unknown. */
    static Optional<Evidence> evidence(byte[] body) {
        if (TextLines.isBlank(body)) {
            return Optional.empty();
        }
        return startsWithBrace(body) ? jsonEvidence(body) : textEvidence(body);
    }

    private static Optional<Evidence> jsonEvidence(byte[] body) {
        int bom = TextLines.bomLength(body);
        try (JsonParser parser = JSON.createParser(body, bom, body.length - bom)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int line = parser.currentTokenLocation().getLineNr();
                if (name.equals("InferenceRecommendations")) {
                    return Optional.of(new Evidence(BenchmarkFormat.SAGEMAKER, line, true));
                }
                if (name.equals("ResultManager.results")) {
                    return Optional.of(new Evidence(BenchmarkFormat.MODEL_ANALYZER, line, true));
                }
                JsonToken value = parser.nextToken();
                if (name.equals("JobArn") && value == JsonToken.VALUE_STRING
                        && parser.getText().contains(":inference-recommendations-job/")) {
                    // a failed job has no recommendations, but its ARN still says what it is
                    return Optional.of(new Evidence(BenchmarkFormat.SAGEMAKER, line, true));
                }
                parser.skipChildren();
            }
        } catch (IOException notJson) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Evidence> textEvidence(byte[] body) {
        List<TextLines.Line> lines;
        try {
            lines = TextLines.nonBlank(TextLines.of(body));
        } catch (BenchmarkFileException notText) {
            return Optional.empty();
        }
        for (TextLines.Line line : lines.subList(0, Math.min(BANNER_SEARCH_LINES, lines.size()))) {
            if (line.text().trim().equalsIgnoreCase("MLPerf Results Summary")) {
                return Optional.of(new Evidence(BenchmarkFormat.MLPERF, line.number(), false));
            }
        }
        TextLines.Line header = lines.get(0);
        List<String> names = headerNames(header.text());
        if (names.contains("inferences/second")
                && (names.get(0).equals("concurrency") || names.get(0).equals("request rate"))) {
            return Optional.of(new Evidence(BenchmarkFormat.PERF_ANALYZER, header.number(), false));
        }
        if (names.contains("throughput (infer/sec)")) {
            return Optional.of(new Evidence(BenchmarkFormat.MODEL_ANALYZER, header.number(), false));
        }
        return Optional.empty();
    }

    /** Header names lower-cased and unquoted; good enough to recognise, the parser reads the header properly. */
    private static List<String> headerNames(String header) {
        return List.of(header.split(",", -1)).stream()
                .map(name -> name.trim().replace("\"", "").toLowerCase(Locale.ROOT))
                .toList();
    }

    static boolean startsWithBrace(byte[] body) {
        for (int i = TextLines.bomLength(body); i < body.length; i++) {
            char c = (char) (body[i] & 0xFF);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }
}
