package io.modelfleet.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON body of a KServe v2 inference request with one random input tensor:
 * {@code {"inputs":[{"name":"x","shape":[8,3,224,224],"datatype":"FP32","data":[...]}]}}, the data flattened in
 * row-major order as the protocol allows. Encoded once per batch size and sent as the same bytes by every request.
 */
final class KServeRequestBody {

    private static final JsonFactory JSON = new JsonFactory();

    private KServeRequestBody() {
    }

    static byte[] encode(String inputName, List<Long> itemShape, int batchSize, RandomValues values) {
        long[] shape = new long[itemShape.size() + 1];
        shape[0] = batchSize;
        for (int i = 0; i < itemShape.size(); i++) {
            shape[i + 1] = itemShape.get(i);
        }
        int count = OnnxTensors.elementCount(shape, values.type());
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(64, Math.min(count * 8, 1 << 26)));
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            json.writeArrayFieldStart("inputs");
            json.writeStartObject();
            json.writeStringField("name", inputName);
            json.writeArrayFieldStart("shape");
            for (long dim : shape) {
                json.writeNumber(dim);
            }
            json.writeEndArray();
            json.writeStringField("datatype", values.type().kserveName());
            json.writeArrayFieldStart("data");
            for (int i = 0; i < count; i++) {
                writeValue(json, values.type(), values.next());
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return body.toByteArray();
    }

    private static void writeValue(JsonGenerator json, ElementType type, double value) throws IOException {
        switch (type) {
            case BOOL -> json.writeBoolean(value != 0);
            case FP32, FP16, BF16 -> json.writeNumber((float) value);
            case FP64 -> json.writeNumber(value);
            default -> json.writeNumber((long) value);
        }
    }
}
