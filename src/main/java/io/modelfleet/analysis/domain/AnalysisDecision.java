package io.modelfleet.analysis.domain;

import java.time.Instant;
import java.util.List;

/**
 * What a step's analysis does after a measurement (docs/designs/003-metric-analysis.md, "Decision after each
 * measurement"), as a pure function of the step's settings and its committed measurements. Rules, in order:
 * <ol>
 * <li>FAIL measurements &gt; {@code failureLimit}: {@link Kind#FAIL} (roll the cluster back);</li>
 * <li>the trailing run of ERROR measurements &gt; {@code consecutiveErrorLimit}: {@link Kind#ERROR} (roll back);</li>
 * <li>INCONCLUSIVE measurements since the last resume &gt; {@code inconclusiveLimit}: {@link Kind#PAUSE};</li>
 * <li>{@code count} measurements taken: {@link Kind#PASS} if at least one of them passed every check, else
 * {@link Kind#PAUSE} — a step is never passed because nothing could be measured;</li>
 * <li>otherwise {@link Kind#CONTINUE}, the next measurement one {@code interval} after this one.</li>
 * </ol>
 */
public record AnalysisDecision(Kind kind, Instant nextAt, String detail) {

    /** The decision's outcome. */
    public enum Kind {
        /** Measure again at {@link #nextAt()}. */
        CONTINUE,
        /** The step passed its analysis. */
        PASS,
        /** Too many measurements failed their limits: roll back. */
        FAIL,
        /** The queries kept failing: roll back. */
        ERROR,
        /** Nothing could be judged often enough: a person resumes (measuring goes on) or aborts. */
        PAUSE
    }

    /**
     * Decides after the measurement taken at {@code measuredAt}.
     *
     * @param verdicts every committed measurement's verdict (the worst of its checks), oldest first, the new one last
     * @param sinceResume how many of the last {@code verdicts} were taken since the rollout was last resumed (all of
     *            them when it never was); only these count against {@code inconclusiveLimit}
     */
    public static AnalysisDecision decide(AnalysisSettings settings, List<Verdict> verdicts, int sinceResume,
            Instant measuredAt) {
        if (verdicts.isEmpty()) {
            throw new IllegalArgumentException("a decision follows a measurement; there was none");
        }
        if (sinceResume < 0 || sinceResume > verdicts.size()) {
            throw new IllegalArgumentException("sinceResume must be within 0.." + verdicts.size() + ", was "
                    + sinceResume);
        }
        long failed = verdicts.stream().filter(v -> v == Verdict.FAIL).count();
        if (failed > settings.failureLimit()) {
            return new AnalysisDecision(Kind.FAIL, null, failed + " of " + verdicts.size()
                    + " measurements failed (failureLimit " + settings.failureLimit() + ")");
        }
        int errors = trailingErrors(verdicts);
        if (errors > settings.consecutiveErrorLimit()) {
            return new AnalysisDecision(Kind.ERROR, null, errors + " consecutive measurements could not be taken"
                    + " (consecutiveErrorLimit " + settings.consecutiveErrorLimit() + ")");
        }
        long inconclusive = verdicts.subList(verdicts.size() - sinceResume, verdicts.size()).stream()
                .filter(v -> v == Verdict.INCONCLUSIVE).count();
        if (inconclusive > settings.inconclusiveLimit()) {
            return new AnalysisDecision(Kind.PAUSE, null, inconclusive + " measurements"
                    + (sinceResume < verdicts.size() ? " since the last resume" : "") + " were inconclusive"
                    + " (inconclusiveLimit " + settings.inconclusiveLimit() + ")");
        }
        long passed = verdicts.stream().filter(v -> v == Verdict.PASS).count();
        // A person who resumed a paused analysis asked for fresh evidence: an old pass does not end it.
        boolean resumed = sinceResume < verdicts.size();
        boolean passedSinceResume = verdicts.subList(verdicts.size() - sinceResume, verdicts.size()).stream()
                .anyMatch(v -> v == Verdict.PASS);
        if (verdicts.size() >= settings.count() && resumed && passed > 0 && !passedSinceResume) {
            Instant next = measuredAt.plus(settings.interval());
            return new AnalysisDecision(Kind.CONTINUE, next, "no measurement passed since the resume; next at "
                    + next);
        }
        if (verdicts.size() >= settings.count()) {
            return passed > 0
                    ? new AnalysisDecision(Kind.PASS, null, passed + " of " + verdicts.size()
                            + " measurements passed every check")
                    : new AnalysisDecision(Kind.PAUSE, null, verdicts.size() + " measurements taken and none"
                            + " passed every check; a step never passes without one");
        }
        Instant next = measuredAt.plus(settings.interval());
        return new AnalysisDecision(Kind.CONTINUE, next, "measurement " + verdicts.size() + " of "
                + settings.count() + " was " + verdicts.get(verdicts.size() - 1) + "; next at " + next);
    }

    private static int trailingErrors(List<Verdict> verdicts) {
        int n = 0;
        for (int i = verdicts.size() - 1; i >= 0 && verdicts.get(i) == Verdict.ERROR; i--) {
            n++;
        }
        return n;
    }
}
