package io.modelfleet.placement.domain;

/**
 * A recommendation's life (design 006, "States"): PENDING while it stabilizes, OPEN when it is listed for a person
 * (or an automatic rollout), then ACCEPTED, DISMISSED or SUPERSEDED, all three terminal.
 */
public enum RecommendationStatus {
    PENDING, OPEN, ACCEPTED, DISMISSED, SUPERSEDED;

    public boolean active() {
        return this == PENDING || this == OPEN;
    }
}
