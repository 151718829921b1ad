package io.modelfleet.placement.domain;

import java.time.Instant;
import java.util.UUID;

/** A stored recommendation as the stabilizer needs it. */
public record Tracked(UUID id, String deployment, String fingerprint, String inputsDigest,
        RecommendationStatus status, int consecutive, Instant firstSeen) {
}
