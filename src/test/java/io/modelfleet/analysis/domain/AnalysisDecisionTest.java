package io.modelfleet.analysis.domain;

import static io.modelfleet.analysis.domain.Verdict.ERROR;
import static io.modelfleet.analysis.domain.Verdict.FAIL;
import static io.modelfleet.analysis.domain.Verdict.INCONCLUSIVE;
import static io.modelfleet.analysis.domain.Verdict.PASS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.modelfleet.analysis.domain.AnalysisDecision.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of {@link AnalysisDecision} alone, and where two meet, with the defaults unless a test says otherwise. */
class AnalysisDecisionTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
    private static final AnalysisSettings D = AnalysisSettings.DEFAULTS;

    private static AnalysisDecision decide(AnalysisSettings s, Verdict... verdicts) {
        return AnalysisDecision.decide(s, List.of(verdicts), verdicts.length, AT);
    }

    private static AnalysisSettings limits(int count, int failureLimit, int inconclusiveLimit, int errorLimit) {
        return new AnalysisSettings(null, Duration.ofSeconds(30), count, Duration.ZERO, failureLimit,
                inconclusiveLimit, errorLimit, 50, 0.01, Duration.ofMinutes(1));
    }

    @Test
    void aPassBeforeTheCountContinuesOneIntervalLater() {
        AnalysisDecision d = decide(D, PASS);
        assertEquals(Kind.CONTINUE, d.kind());
        assertEquals(Instant.parse("2026-12-02T10:00:30Z"), d.nextAt());
        assertEquals("measurement 1 of 3 was PASS; next at 2026-12-02T10:00:30Z", d.detail());
    }

    @Test
    void countPassingMeasurementsPass() {
        AnalysisDecision d = decide(D, PASS, PASS, PASS);
        assertEquals(Kind.PASS, d.kind());
        assertEquals(null, d.nextAt());
        assertEquals("3 of 3 measurements passed every check", d.detail());
    }

    @Test
    void theFirstFailRollsBackWithTheDefaultFailureLimitOfZero() {
        AnalysisDecision d = decide(D, PASS, FAIL);
        assertEquals(Kind.FAIL, d.kind());
        assertEquals("1 of 2 measurements failed (failureLimit 0)", d.detail());
    }

    @Test
    void failuresUpToTheLimitAreToleratedAndOneMoreFails() {
        AnalysisSettings s = limits(5, 2, 1, 4);
        assertEquals(Kind.CONTINUE, decide(s, FAIL, PASS, FAIL).kind());
        assertEquals(Kind.FAIL, decide(s, FAIL, PASS, FAIL, FAIL).kind());
    }

    @Test
    void failuresNeedNotBeConsecutive() {
        AnalysisSettings s = limits(9, 1, 1, 4);
        assertEquals("2 of 4 measurements failed (failureLimit 1)", decide(s, FAIL, PASS, PASS, FAIL).detail());
    }

    @Test
    void errorsRollBackOnlyPastTheConsecutiveLimit() {
        AnalysisSettings s = limits(10, 0, 1, 4);
        assertEquals(Kind.CONTINUE, decide(s, ERROR, ERROR, ERROR, ERROR).kind());
        AnalysisDecision d = decide(s, ERROR, ERROR, ERROR, ERROR, ERROR);
        assertEquals(Kind.ERROR, d.kind());
        assertEquals("5 consecutive measurements could not be taken (consecutiveErrorLimit 4)", d.detail());
    }

    @Test
    void aPassBetweenErrorsRestartsTheirRun() {
        AnalysisSettings s = limits(10, 0, 1, 2);
        assertEquals(Kind.CONTINUE, decide(s, ERROR, ERROR, PASS, ERROR, ERROR).kind());
        assertEquals(Kind.ERROR, decide(s, ERROR, ERROR, PASS, ERROR, ERROR, ERROR).kind());
    }

    @Test
    void inconclusiveBeyondItsLimitPauses() {
        assertEquals(Kind.CONTINUE, decide(D, INCONCLUSIVE).kind());
        AnalysisDecision d = decide(D, INCONCLUSIVE, INCONCLUSIVE);
        assertEquals(Kind.PAUSE, d.kind());
        assertEquals("2 measurements were inconclusive (inconclusiveLimit 1)", d.detail());
    }

    @Test
    void onlyInconclusiveMeasurementsSinceTheResumeCount() {
        List<Verdict> v = List.of(INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE);
        AnalysisSettings s = limits(10, 0, 1, 4);
        assertEquals(Kind.CONTINUE, AnalysisDecision.decide(s, v, 1, AT).kind(), "one since the resume");
        AnalysisDecision d = AnalysisDecision.decide(s, List.of(INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE,
                INCONCLUSIVE), 2, AT);
        assertEquals(Kind.PAUSE, d.kind());
        assertEquals("2 measurements since the last resume were inconclusive (inconclusiveLimit 1)", d.detail());
    }

    @Test
    void theCountReachedWithoutAnyPassPausesInsteadOfPassing() {
        AnalysisSettings s = limits(3, 0, 5, 4);
        AnalysisDecision d = decide(s, INCONCLUSIVE, ERROR, INCONCLUSIVE);
        assertEquals(Kind.PAUSE, d.kind());
        assertEquals("3 measurements taken and none passed every check; a step never passes without one", d.detail());
    }

    @Test
    void oneFullPassAmongToleratedInconclusiveAndErrorMeasurementsPassesAtTheCount() {
        AnalysisDecision d = decide(D, INCONCLUSIVE, ERROR, PASS);
        assertEquals(Kind.PASS, d.kind());
        assertEquals("1 of 3 measurements passed every check", d.detail());
    }

    @Test
    void failureIsCheckedBeforeTheCount() {
        assertEquals(Kind.FAIL, decide(D, PASS, PASS, FAIL).kind(), "the third measurement fails: no pass at the count");
    }

    @Test
    void failureWinsOverErrorsAndErrorsOverInconclusive() {
        AnalysisSettings s = limits(10, 0, 0, 0);
        assertEquals(Kind.FAIL, decide(s, INCONCLUSIVE, FAIL).kind());
        assertEquals(Kind.ERROR, decide(s, INCONCLUSIVE, ERROR).kind());
    }

    @Test
    void aCountOfOneDecidesOnTheFirstMeasurement() {
        AnalysisSettings s = limits(1, 0, 1, 4);
        assertEquals(Kind.PASS, decide(s, PASS).kind());
        assertEquals(Kind.PAUSE, decide(s, INCONCLUSIVE).kind());
    }

    @Test
    void aDecisionNeedsAMeasurementAndASensibleResumeCount() {
        assertThrows(IllegalArgumentException.class, () -> AnalysisDecision.decide(D, List.of(), 0, AT));
        assertThrows(IllegalArgumentException.class, () -> AnalysisDecision.decide(D, List.of(PASS), 2, AT));
    }

    /** Review finding: [PASS, INC, INC] paused; one more INC after the resume must not pass on the old PASS. */
    @Test
    void afterAResumeOnlyAPassSinceTheResumeEndsTheAnalysis() {
        List<Verdict> seen = List.of(PASS, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE);
        AnalysisDecision d = AnalysisDecision.decide(D, seen, 1, AT);
        assertEquals(Kind.CONTINUE, d.kind(), d.detail());
        assertEquals(AT.plus(D.interval()), d.nextAt());
        List<Verdict> then = List.of(PASS, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE, PASS);
        assertEquals(Kind.PASS, AnalysisDecision.decide(D, then, 2, AT).kind());
        assertEquals(Kind.PASS, decide(D, PASS, INCONCLUSIVE, PASS).kind(), "no resume: the count rule as before");
    }
}
