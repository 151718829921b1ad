package io.modelfleet.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Limits on what the REST layer's JSON reader accepts, so that hostile bodies end as a 400 naming the field:
 * nesting deeper than {@value #MAX_NESTING_DEPTH} (no request body needs more than 5 levels), numbers longer than
 * {@value #MAX_NUMBER_LENGTH} characters, and strings or object keys holding a NUL character or an unpaired
 * surrogate ({@link Texts}), and a key given twice in one object (which value was meant is a guess, and a record
 * of one field cannot take the second one). Checking strings here covers every field of every body, including
 * ones added later.
 */
@Singleton
public class JsonInputLimits implements ObjectMapperCustomizer {

    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 100;

    @Override
    public void customize(ObjectMapper mapper) {
        applyTo(mapper);
    }

    /** The same limits on another mapper (the YAML import's); returns it. */
    public static <M extends ObjectMapper> M applyTo(M mapper) {
        mapper.getFactory().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build());
        SimpleModule module = new SimpleModule("modelfleet-text");
        module.addDeserializer(String.class, new StorableString());
        module.addKeyDeserializer(String.class, new StorableKey());
        mapper.registerModule(module);
        return mapper;
    }

    /** Jackson's own string reading, then the storable-text check; the failure carries the JSON path. */
    static final class StorableString extends StdScalarDeserializer<String> {

        StorableString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String problem = Texts.problem(value).orElse(null);
            if (problem != null) {
                throw InvalidFormatException.from(p, problem, value, String.class);
            }
            return value;
        }
    }

    static final class StorableKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String problem = Texts.problem(key).orElse(null);
            if (problem != null) {
                throw InvalidFormatException.from(ctxt.getParser(), "key " + problem, key, String.class);
            }
            return key;
        }
    }
}
