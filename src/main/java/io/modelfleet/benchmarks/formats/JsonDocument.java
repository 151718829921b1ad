package io.modelfleet.benchmarks.formats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * A JSON benchmark file. NaN and Infinity are accepted as tokens because SageMaker documents NaN for metrics it
 * could not measure (CpuUtilization); a NaN in a figure we import is still refused, by name. Duplicate keys and
 * trailing content are errors: either would leave two readings of one file.
 */
final class JsonDocument {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final byte[] body;
    private final JsonNode root;

    private JsonDocument(byte[] body, JsonNode root) {
        this.body = body;
        this.root = root;
    }

    static JsonDocument read(byte[] body) {
        int bom = TextLines.bomLength(body);
        JsonNode root;
        try {
            root = MAPPER.readTree(body, bom, body.length - bom);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null || at.getLineNr() < 1 ? 1 : at.getLineNr();
            Integer column = at == null || at.getColumnNr() < 1 ? null : at.getColumnNr();
            throw new Location(false, line, column, null).error("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Location.line(1).error("not readable as JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw Location.line(1).error("the file is empty");
        }
        return new JsonDocument(body, root);
    }

    JsonNode root() {
        return root;
    }

    /**
     * The text line of a top-level field, for problems with the document as a whole (a job that failed, no
     * recommendations); 1 when the field is absent. Records are counted instead, as the format contract says.
     */
    int lineOf(String topLevelField) {
        int bom = TextLines.bomLength(body);
        try (JsonParser parser = MAPPER.getFactory().createParser(body, bom, body.length - bom)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 1;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (parser.currentName().equals(topLevelField)) {
                    return parser.currentTokenLocation().getLineNr();
                }
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (IOException alreadyParsed) {
            return 1;
        }
        return 1;
    }

    /** A JSON figure that must be a finite number greater than zero. */
    static double positive(JsonNode node, Location where) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw where.error("the field is missing");
        }
        if (!node.isNumber()) {
            throw where.error(node + " is not a number");
        }
        return Numbers.requirePositive(node.doubleValue(), node.asText(), where);
    }

    /** A JSON batch size or concurrency; digits in a string are taken too, as Model Analyzer writes either. */
    static int positiveWhole(JsonNode node, Location where) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw where.error("the field is missing");
        }
        if (node.isTextual()) {
            return Numbers.positiveWhole(node.asText(), where);
        }
        if (!node.isNumber()) {
            throw where.error(node + " is not a number");
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw where.error("'" + node.asText() + "' is not a whole number");
        }
        if (node.intValue() < 1) {
            throw where.error("'" + node.asText() + "' must be at least 1");
        }
        return node.intValue();
    }
}
