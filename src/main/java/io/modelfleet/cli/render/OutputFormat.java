package io.modelfleet.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** {@code -o}: a table for people, or the API's own JSON, as JSON or YAML, for scripts. */
public enum OutputFormat {
    TABLE, JSON, YAML;

    private static final ObjectMapper JSON_WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML_WRITER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** The document as JSON (indented) or YAML, ending with a newline; not for {@link #TABLE}. */
    public String write(JsonNode document) {
        try {
            return switch (this) {
                case JSON -> JSON_WRITER.writeValueAsString(document) + "\n";
                case YAML -> YAML_WRITER.writeValueAsString(document);
                case TABLE -> throw new IllegalStateException("a table is rendered per resource kind");
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as " + this, e);
        }
    }
}
