package io.modelfleet.cli.command;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelfleet.cli.UsageError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The variants a {@code variants register -f FILE} file holds, in file order. YAML (one or more {@code ---}
 * documents) or JSON; each document is a variant as {@code POST /models/{model}/variants} takes it plus its
 * {@code model}, a list of such variants, or {@code {"model": ..., "variants": [...]}}. {@code --model} names the model
 * of documents that do not.
 */
final class VariantDocuments {

    /** A variant to register: its model and the body to send (without {@code model}). */
    record Variant(String model, ObjectNode body) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private VariantDocuments() {
    }

    static List<Variant> read(Path file, String defaultModel) {
        if (!Files.isReadable(file)) {
            throw new UsageError("cannot read " + file);
        }
        List<Variant> out = new ArrayList<>();
        // YAML is a superset of JSON, so one parser reads both.
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (docs.hasNextValue()) {
                collect(docs.nextValue(), defaultModel, file + " document " + (++index), out);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UsageError u) {
                throw u;
            }
            throw new UsageError(file + " is not valid YAML or JSON: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new UsageError(file + " holds no variant");
        }
        return out;
    }

    private static void collect(JsonNode doc, String defaultModel, String where, List<Variant> out) {
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
            return;
        }
        if (doc.isArray()) {
            doc.forEach(v -> collect(v, defaultModel, where, out));
            return;
        }
        if (!doc.isObject()) {
            throw new UsageError(where + " is neither a variant nor a list of variants");
        }
        String model = doc.hasNonNull("model") ? doc.get("model").asText() : defaultModel;
        if (doc.has("variants")) {
            doc.get("variants").forEach(v -> collect(v, model, where, out));
            return;
        }
        if (model == null) {
            throw new UsageError(where + " names no model: add model: NAME or pass --model");
        }
        ObjectNode body = ((ObjectNode) doc).deepCopy();
        body.remove("model");
        out.add(new Variant(model, body));
    }
}
