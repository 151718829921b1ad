package io.modelfleet.placement.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the fleet is evaluated (design 006, "Evaluations"): every {@code interval}, and sooner when events asked for
 * it, but never twice within {@code minGap}. Pure; the answer is the cause recorded with the evaluation.
 */
final class Cadence {

    private Cadence() {
    }

    /** The cause of an evaluation due now, or empty. {@code last} null: the fleet was never evaluated. */
    static Optional<String> due(Instant last, long triggers, Instant now, Duration interval, Duration minGap) {
        if (last == null) {
            return Optional.of("first evaluation");
        }
        Duration since = Duration.between(last, now);
        if (since.compareTo(interval) >= 0) {
            return Optional.of("interval of " + interval + " passed");
        }
        if (triggers > 0 && since.compareTo(minGap) >= 0) {
            return Optional.of(triggers + (triggers == 1 ? " trigger" : " triggers"));
        }
        return Optional.empty();
    }
}
