package io.modelfleet.fleet.service;

import io.modelfleet.api.Texts;
import io.modelfleet.api.Violations;
import io.modelfleet.fleet.domain.PrometheusDuration;
import io.modelfleet.fleet.dto.DeploymentSpec;
import io.modelfleet.placement.domain.DisruptionBudget;
import io.modelfleet.placement.domain.MaintenanceWindow;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a deployment's {@code disruptionBudget} (design 006, I9) and fills in its defaults: 100 % and no
 * maintenance window. The window's schedule must be a 5-field UNIX cron and its duration a Prometheus duration in
 * (0, 7d].
 */
final class BudgetRules {

    static final String FIELD = "disruptionBudget";
    /** Longer than any sensible cron expression; longer text is refused before it is parsed. */
    static final int MAX_SCHEDULE_TEXT = 128;
    private static final int MAX_DURATION_TEXT = 32;

    private BudgetRules() {
    }

    /** The budget with defaults filled in; problems go to {@code v} (the result is then meaningless). */
    static DeploymentSpec.DisruptionBudget normalize(Violations v, DeploymentSpec.DisruptionBudget budget) {
        if (budget == null) {
            return new DeploymentSpec.DisruptionBudget(DisruptionBudget.DEFAULT_MAX_DISRUPTED_PERCENT, null);
        }
        v.rangeIfPresent(FIELD + ".maxDisruptedPercent", budget.maxDisruptedPercent(), 1, 100);
        int percent = budget.maxDisruptedPercent() == null ? DisruptionBudget.DEFAULT_MAX_DISRUPTED_PERCENT
                : budget.maxDisruptedPercent();
        return new DeploymentSpec.DisruptionBudget(percent, window(v, budget.maintenanceWindow()));
    }

    private static DeploymentSpec.MaintenanceWindow window(Violations v, DeploymentSpec.MaintenanceWindow window) {
        if (window == null) {
            return null;
        }
        String at = FIELD + ".maintenanceWindow";
        String schedule = schedule(v, at + ".schedule", window.schedule());
        String duration = duration(v, at + ".duration", window.duration());
        return new DeploymentSpec.MaintenanceWindow(schedule, duration);
    }

    private static String schedule(Violations v, String field, String text) {
        if (!v.required(field, text)) {
            return null;
        }
        String trimmed = text.trim();
        Optional<String> problem = Texts.problem(trimmed);
        if (problem.isEmpty() && trimmed.length() > MAX_SCHEDULE_TEXT) {
            problem = Optional.of("must be at most " + MAX_SCHEDULE_TEXT + " characters, was " + trimmed.length());
        }
        if (problem.isEmpty()) {
            problem = MaintenanceWindow.scheduleProblem(trimmed);
        }
        problem.ifPresent(message -> v.add(field, message));
        return trimmed;
    }

    /** The canonical form of the duration ({@code 90m} becomes {@code 1h30m}), null when wrong. */
    private static String duration(Violations v, String field, String text) {
        if (!v.required(field, text)) {
            return null;
        }
        String trimmed = text.trim();
        Optional<String> problem = Texts.problem(trimmed);
        if (problem.isEmpty() && trimmed.length() > MAX_DURATION_TEXT) {
            problem = Optional.of("must be at most " + MAX_DURATION_TEXT + " characters, was " + trimmed.length());
        }
        Optional<Duration> parsed = Optional.empty();
        if (problem.isEmpty()) {
            parsed = PrometheusDuration.parse(trimmed);
            problem = parsed.isEmpty()
                    ? Optional.of("must be a Prometheus duration such as 30m, 2h or 1d, was '" + trimmed + "'")
                    : MaintenanceWindow.durationProblem(parsed.get());
        }
        if (problem.isPresent()) {
            v.add(field, problem.get());
            return null;
        }
        return PrometheusDuration.format(parsed.get());
    }
}
