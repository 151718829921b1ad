package io.modelfleet.placement.domain;

import java.util.UUID;

/** One write an evaluation asks for (see {@link Stabilizer}). */
public sealed interface Step {

    /** A new recommendation, PENDING, or OPEN at once when urgent or when no window is configured. */
    record Create(Proposal proposal, RecommendationStatus status) implements Step {
    }

    /** The same proposal seen again: fresh numbers, one more consecutive evaluation, perhaps now OPEN. */
    record Advance(UUID id, Proposal proposal, int consecutive, RecommendationStatus status) implements Step {
    }

    /** An active recommendation the latest evaluation no longer makes. */
    record Supersede(UUID id, String reason) implements Step {
    }
}
