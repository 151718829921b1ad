package io.modelfleet.loadgen;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random inputs stay inside what a model accepts, and the 16-bit float encodings are exact. */
class RandomValuesTest {

    @Test
    void halfPrecisionBitsOfKnownValues() {
        assertEquals((short) 0x3C00, RandomValues.halfBits(1.0));
        assertEquals((short) 0xB800, RandomValues.halfBits(-0.5));
        assertEquals((short) 0x1400, RandomValues.halfBits(1.0 / 1024));
        // -(1 - 2^-10) = -1.1111111110b x 2^-1: exponent 14, mantissa 0x3FE
        assertEquals((short) 0xBBFE, RandomValues.halfBits(-1023.0 / 1024));
        assertEquals((short) 0x3BFF, RandomValues.halfBits(2047.0 / 2048));
        assertEquals((short) 0x0000, RandomValues.halfBits(0.0));
    }

    @Test
    void bfloat16BitsOfKnownValues() {
        assertEquals((short) 0x3F80, RandomValues.bfloat16Bits(1.0));
        assertEquals((short) 0xBF00, RandomValues.bfloat16Bits(-0.5));
        assertEquals((short) 0x3C00, RandomValues.bfloat16Bits(1.0 / 128));
    }

    @Test
    void everyTypeDrawsInsideItsRange() {
        record Range(ElementType type, double low, double high) {
        }
        for (Range range : List.of(new Range(ElementType.FP32, -1, 1), new Range(ElementType.FP16, -1, 1),
                new Range(ElementType.BF16, -1, 1), new Range(ElementType.INT8, -128, 127),
                new Range(ElementType.UINT8, 0, 255), new Range(ElementType.INT64, 0, 5),
                new Range(ElementType.INT32, 0, 5), new Range(ElementType.BOOL, 0, 1))) {
            RandomValues values = new RandomValues(range.type(), 42, 5);
            double low = Double.MAX_VALUE;
            double high = -Double.MAX_VALUE;
            for (int i = 0; i < 20_000; i++) {
                double value = values.next();
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
            assertTrue(low >= range.low() && high <= range.high(), range + ": drew " + low + ".." + high);
            if (!range.type().floating()) {
                // 20,000 draws of at most 256 values reach both ends
                assertEquals(range.low(), low, range.toString());
                assertEquals(range.high(), high, range.toString());
            }
        }
    }

    @Test
    void fp16DrawsAreMultiplesOf1Over1024SoTheConversionIsExact() {
        RandomValues values = new RandomValues(ElementType.FP16, 1, 1);
        for (int i = 0; i < 1000; i++) {
            double value = values.next();
            assertEquals(0.0, value * 1024 % 1, 0.0, "value " + value);
        }
    }

    @Test
    void theSameSeedDrawsTheSameValues() {
        RandomValues first = new RandomValues(ElementType.FP32, 9, 1);
        RandomValues second = new RandomValues(ElementType.FP32, 9, 1);
        for (int i = 0; i < 100; i++) {
            assertEquals(first.next(), second.next());
        }
    }
}
