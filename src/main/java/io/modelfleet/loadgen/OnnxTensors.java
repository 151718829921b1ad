package io.modelfleet.loadgen;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * Random ONNX Runtime tensors of an element type and shape. The values go into a direct buffer in native byte order,
 * which ONNX Runtime uses in place instead of copying.
 */
final class OnnxTensors {

    private OnnxTensors() {
    }

    static OnnxTensor random(OrtEnvironment environment, long[] shape, RandomValues values) throws OrtException {
        ElementType type = values.type();
        int count = elementCount(shape, type);
        ByteBuffer bytes = ByteBuffer.allocateDirect(count * type.bytes()).order(ByteOrder.nativeOrder());
        switch (type) {
            case FP32 -> {
                FloatBuffer buffer = bytes.asFloatBuffer();
                for (int i = 0; i < count; i++) {
                    buffer.put((float) values.next());
                }
                return OnnxTensor.createTensor(environment, buffer.rewind(), shape);
            }
            case FP64 -> {
                DoubleBuffer buffer = bytes.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    buffer.put(values.next());
                }
                return OnnxTensor.createTensor(environment, buffer.rewind(), shape);
            }
            case FP16, BF16, INT16 -> {
                ShortBuffer buffer = bytes.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    double value = values.next();
                    buffer.put(switch (type) {
                        case FP16 -> RandomValues.halfBits(value);
                        case BF16 -> RandomValues.bfloat16Bits(value);
                        default -> (short) value;
                    });
                }
                OnnxJavaType javaType = switch (type) {
                    case FP16 -> OnnxJavaType.FLOAT16;
                    case BF16 -> OnnxJavaType.BFLOAT16;
                    default -> OnnxJavaType.INT16;
                };
                return OnnxTensor.createTensor(environment, buffer.rewind(), shape, javaType);
            }
            case INT32 -> {
                IntBuffer buffer = bytes.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    buffer.put((int) values.next());
                }
                return OnnxTensor.createTensor(environment, buffer.rewind(), shape);
            }
            case INT64 -> {
                LongBuffer buffer = bytes.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    buffer.put((long) values.next());
                }
                return OnnxTensor.createTensor(environment, buffer.rewind(), shape);
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    bytes.put((byte) values.next());
                }
                OnnxJavaType javaType = switch (type) {
                    case UINT8 -> OnnxJavaType.UINT8;
                    case BOOL -> OnnxJavaType.BOOL;
                    default -> OnnxJavaType.INT8;
                };
                return OnnxTensor.createTensor(environment, bytes.rewind(), shape, javaType);
            }
        }
    }

    /** The number of elements of a shape, refused when its bytes would not fit one Java buffer. */
    static int elementCount(long[] shape, ElementType type) {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        if (count * type.bytes() > Integer.MAX_VALUE) {
            throw new UsageError("--batch-sizes", "an input of shape " + java.util.Arrays.toString(shape)
                    + " needs more than 2 GiB; use smaller batch sizes");
        }
        return (int) count;
    }
}
