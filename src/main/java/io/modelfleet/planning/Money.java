package io.modelfleet.planning;

/** Conversions for hourly money: the solver counts micro-dollars, the API shows dollars. */
final class Money {

    private Money() {
    }

    static double usd(long micros) {
        return micros / 1_000_000.0;
    }

    /** Dollars rounded to 1/10,000 of a cent: enough for any hourly price, without float noise. */
    static double round(double usd) {
        return Math.round(usd * 1_000_000) / 1_000_000.0;
    }
}
