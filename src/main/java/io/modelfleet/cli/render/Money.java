package io.modelfleet.cli.render;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Dollars as people read them: at most four decimals (hourly prices go below a cent), at least two. */
public final class Money {

    /** The hours of a month as cloud bills count them (730 = 8,760 / 12). */
    public static final int HOURS_PER_MONTH = 730;

    private Money() {
    }

    public static String usd(double value) {
        BigDecimal d = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.scale() < 2) {
            d = d.setScale(2, RoundingMode.UNNECESSARY);
        }
        return d.toPlainString();
    }

    public static String perMonth(double hourly) {
        return BigDecimal.valueOf(hourly * HOURS_PER_MONTH).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
