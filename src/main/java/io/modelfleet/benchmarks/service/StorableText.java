package io.modelfleet.benchmarks.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The API's rule for every string it is sent (no NUL, no unpaired surrogate; in a SageMaker answer,
 * at most {@value #MAX_SAGEMAKER_TEXT} characters), applied to a benchmark file: the
 * REST layer's JSON reader checks bodies it binds, but an imported file arrives as bytes. A JSON file's offending
 * value is named by its JSON path, a text file's by its line. What the file's parser cannot read is left to it.
 */
final class StorableText {

    /** Duplicate keys fail the read here, so the file's parser, which names them, reports them first. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // As the formats' own reader: a NaN a tool wrote must not let the rest of the file skip this check.
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * The longest text field of a SageMaker answer: its API bounds every string (FailureReason 1,024 characters,
     * ARNs 2,048), so a longer one is not what SageMaker wrote. Other formats have no such bound (a Model Analyzer
     * checkpoint may hold whole model configurations).
     */
    static final int MAX_SAGEMAKER_TEXT = 4096;

    private StorableText() {
    }

    static void check(byte[] body, int maxText) {
        String text = new String(body, StandardCharsets.UTF_8);
        String trimmed = text.stripLeading().replace("\uFEFF", "");
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            JsonNode tree;
            try {
                tree = JSON.readTree(trimmed);
            } catch (IOException e) {
                return;
            }
            walk(tree, "", maxText).ifPresent(problem -> {
                throw ProblemException.invalid(problem[0], problem[1]);
            });
            return;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Optional<String> problem = Texts.problem(lines[i]);
            if (problem.isPresent()) {
                throw ProblemException.invalid("line " + (i + 1), problem.get());
            }
        }
    }

    private static Optional<String[]> walk(JsonNode node, String path, int maxText) {
        if (node.isTextual()) {
            if (node.asText().length() > maxText) {
                return Optional.of(new String[] {path, "is " + node.asText().length() + " characters; this"
                        + " format's text fields are at most " + maxText});
            }
            return Texts.problem(node.asText()).map(problem -> new String[] {path, problem});
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String[]> found = walk(node.get(i), path + "[" + i + "]", maxText);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                Optional<String> keyProblem = Texts.problem(field.getKey());
                if (keyProblem.isPresent()) {
                    return Optional.of(new String[] {path.isEmpty() ? "(a key)" : path, keyProblem.get()});
                }
                Optional<String[]> found = walk(field.getValue(), at, maxText);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
