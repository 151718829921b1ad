package io.modelfleet.loadgen;

import java.util.SplittableRandom;

/**
 * Seeded random input values of one element type. The values only need to be valid for the model, since the work
 * an inference does does not depend on them:
 * <ul>
 *   <li>floating types: uniform in [-1, 1), the range of normalized inputs. FP16 draws multiples of 1/1024 and BF16
 *       multiples of 1/128, which both formats hold exactly (every non-zero one is a normal number), so no rounding
 *       mode is involved in converting them;</li>
 *   <li>INT8 and UINT8: their whole range, as quantized activations span it;</li>
 *   <li>INT16, INT32, INT64: 0..{@code intMax}, because integer inputs are usually indices (token ids, masks, token
 *       types) and an index past the end of a table fails the request. The default of 1 is valid for every one of
 *       them;</li>
 *   <li>BOOL: false or true.</li>
 * </ul>
 */
final class RandomValues {

    private final ElementType type;
    private final SplittableRandom random;
    private final long intMax;

    RandomValues(ElementType type, long seed, long intMax) {
        this.type = type;
        this.random = new SplittableRandom(seed);
        this.intMax = intMax;
    }

    ElementType type() {
        return type;
    }

    /** The next value as a double (exact for every type here: the integers are at most 2^53 in magnitude). */
    double next() {
        return switch (type) {
            case FP32, FP64 -> random.nextDouble() * 2 - 1;
            case FP16 -> random.nextInt(-1024, 1024) / 1024.0;
            case BF16 -> random.nextInt(-128, 128) / 128.0;
            case INT8 -> random.nextInt(-128, 128);
            case UINT8 -> random.nextInt(0, 256);
            case INT16, INT32, INT64 -> random.nextLong(0, intMax + 1);
            case BOOL -> random.nextInt(0, 2);
        };
    }

    /**
     * IEEE half-precision bits of a value {@link #next()} drew for FP16: zero, or a normal number with at most 11
     * significant bits, so the exponent is re-biased (127 -> 15) and the mantissa's low 13 bits are zero.
     */
    static short halfBits(double value) {
        int bits = Float.floatToIntBits((float) value);
        int sign = (bits >>> 16) & 0x8000;
        if ((bits & 0x7fffffff) == 0) {
            return (short) sign;
        }
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = (bits >>> 13) & 0x3ff;
        return (short) (sign | exponent << 10 | mantissa);
    }

    /** bfloat16 bits of a value {@link #next()} drew for BF16: the upper half of the float, exact by construction. */
    static short bfloat16Bits(double value) {
        return (short) (Float.floatToIntBits((float) value) >>> 16);
    }
}
