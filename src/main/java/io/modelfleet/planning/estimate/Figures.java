package io.modelfleet.planning.estimate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as the derivation text shows them: three significant digits (whole numbers from 100 up), no exponent,
 * no trailing zeros; operations and bytes in decimal giga/mega units as vendors quote them.
 */
final class Figures {

    private Figures() {
    }

    static String of(double value) {
        if (Math.abs(value) >= 100) {
            return Long.toString(Math.round(value));
        }
        return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    static String operations(double flops) {
        if (flops >= 1e12) {
            return of(flops / 1e12) + " TFLOP";
        }
        return flops >= 1e9 ? of(flops / 1e9) + " GFLOP" : of(flops / 1e6) + " MFLOP";
    }

    static String bytes(long bytes) {
        return bytes >= 1e9 ? of(bytes / 1e9) + " GB" : of(bytes / 1e6) + " MB";
    }
}
