package io.modelfleet.rollout;

import java.util.List;
import java.util.UUID;

/**
 * Body of POST /api/v1/rollouts. Waves default to the canary cluster (given, or the first by name) and then all
 * the others; {@code waves} lists clusters per wave explicitly. {@code stepTimeoutSeconds} bounds each gate.
 */
public record RolloutRequest(UUID planId, String canary, List<List<String>> waves, Integer stepTimeoutSeconds) {
}
