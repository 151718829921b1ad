package io.modelfleet.placement.domain;

import java.time.Duration;

/**
 * When a proposal becomes a recommendation (design 006, I4): it saves at least {@code minSavingsUsdPerHour} and at
 * least {@code minSavingsFraction} of the deployment's current cost, its savings/disruption score is at least
 * {@code minScore}, and the same proposal held for {@code stabilizationEvaluations} consecutive evaluations spanning
 * at least {@code stabilizationWindow}.
 */
public record Thresholds(double minSavingsUsdPerHour, double minSavingsFraction, double minScore,
        int stabilizationEvaluations, Duration stabilizationWindow) {

    public Thresholds {
        if (!(minSavingsUsdPerHour >= 0) || !(minSavingsFraction >= 0) || !(minScore >= 0)
                || stabilizationEvaluations < 1 || stabilizationWindow.isNegative()) {
            throw new IllegalArgumentException("thresholds must be >= 0 and at least one evaluation");
        }
    }
}
