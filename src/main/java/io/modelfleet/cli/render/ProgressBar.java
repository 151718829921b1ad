package io.modelfleet.cli.render;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line for a running job: a bar of units done, the numbers behind it, and the phase. The plan-jobs progress
 * ({@code unitsSolved}, {@code unitsTotal}, {@code bestCostUsd}, {@code boundUsd}, {@code gap}, {@code phase}) or a
 * plain count (an import's documents).
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private ProgressBar() {
    }

    public static String bar(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total;
    }

    public static String planProgress(JsonNode progress) {
        StringBuilder s = new StringBuilder(bar(progress.path("unitsSolved").asLong(),
                progress.path("unitsTotal").asLong())).append(" units");
        if (progress.hasNonNull("bestCostUsd")) {
            s.append("  best $").append(Money.usd(progress.path("bestCostUsd").asDouble())).append("/h");
        }
        if (progress.hasNonNull("boundUsd")) {
            s.append("  bound $").append(Money.usd(progress.path("boundUsd").asDouble())).append("/h");
        }
        if (progress.hasNonNull("gap")) {
            s.append("  gap ").append(PlanTable.percent(progress.path("gap").asDouble()));
        }
        if (progress.hasNonNull("phase")) {
            s.append("  ").append(progress.path("phase").asText());
        }
        return s.toString();
    }
}
