package io.modelfleet.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckEvaluatorTest {

    private static final Instant AT = Instant.parse("2026-12-02T03:00:00Z");
    private static final AnalysisTarget TARGET = new AnalysisTarget("eu-1", "bert", "serving", "bert-int8-g5", "v1", "h1",
            3, true, QueryRuntime.TRITON, 20);
    private static final AnalysisSettings SETTINGS = new AnalysisSettings(null, Duration.ofSeconds(30), 3,
            Duration.ZERO, 0, 1, 4, 50, 0.01, Duration.ofMinutes(1));

    private static List<Measurement> evaluate(QueryOutcome requests, QueryOutcome p99, QueryOutcome errors,
            QueryOutcome available) {
        return CheckEvaluator.evaluate(TARGET, SETTINGS, List.of(
                new CheckEvaluator.Observed(new Check(Check.REQUESTS, "q-requests"), requests),
                new CheckEvaluator.Observed(new Check(Check.P99, "q-p99"), p99),
                new CheckEvaluator.Observed(new Check(Check.ERROR_RATIO, "q-errors"), errors),
                new CheckEvaluator.Observed(new Check(Check.AVAILABILITY, "q-available"), available)), AT);
    }

    private static QueryOutcome value(double v) {
        return new QueryOutcome.Value(v);
    }

    @Test
    void valuesWithinTheirLimitsPassAndSayBy() {
        List<Measurement> m = evaluate(value(1200), value(20), value(0.01), value(3));
        assertEquals(List.of(
                new Measurement("requests", "q-requests", 1200.0, Verdict.PASS, AT, "1200 requests in 60s"),
                new Measurement("p99", "q-p99", 20.0, Verdict.PASS, AT, "p99 20 ms <= 20 ms"),
                new Measurement("errorRatio", "q-errors", 0.01, Verdict.PASS, AT, "error ratio 1% <= 1%"),
                new Measurement("availability", "q-available", 3.0, Verdict.PASS, AT,
                        "3 of 3 planned replicas available")), m);
    }

    @Test
    void valuesBeyondTheirLimitsFail() {
        List<Measurement> m = evaluate(value(600), value(31.24), value(0.0125), value(2));
        assertEquals(List.of(Verdict.PASS, Verdict.FAIL, Verdict.FAIL, Verdict.FAIL),
                m.stream().map(Measurement::verdict).toList());
        assertEquals("p99 31.24 ms > 20 ms", m.get(1).detail());
        assertEquals("error ratio 1.25% > 1%", m.get(2).detail());
        assertEquals("2 of 3 planned replicas available", m.get(3).detail());
    }

    @Test
    void fewerRequestsThanTheMinimumMakeAFailingP99AndErrorRatioInconclusive() {
        List<Measurement> m = evaluate(value(49.5), value(80), value(0.5), value(3));
        assertEquals(List.of(Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE, Verdict.PASS),
                m.stream().map(Measurement::verdict).toList());
        assertEquals("49.5 requests in 60s, fewer than the minimum 50", m.get(0).detail());
        assertEquals(80.0, m.get(1).value(), "the value is kept for the reader");
        assertEquals("p99 80 ms > 20 ms, not judged: 49.5 requests in 60s, fewer than the minimum 50",
                m.get(1).detail());
    }

    @Test
    void anUnknownRequestCountLeavesP99AndErrorRatioUnjudged() {
        List<Measurement> m = evaluate(new QueryOutcome.Failed("cluster eu-1: Prometheus answered HTTP 500"),
                value(80), value(0.5), value(3));
        assertEquals(List.of(Verdict.ERROR, Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE, Verdict.PASS),
                m.stream().map(Measurement::verdict).toList());
        assertEquals("cluster eu-1: Prometheus answered HTTP 500", m.get(0).detail());
        assertEquals("p99 80 ms > 20 ms, not judged: the request count is unknown", m.get(1).detail());
    }

    @Test
    void noSeriesNaNAndInfinityAreInconclusiveWithoutAValue() {
        List<Measurement> m = evaluate(new QueryOutcome.NoSeries(), value(Double.NaN),
                value(Double.POSITIVE_INFINITY), new QueryOutcome.NoSeries());
        assertEquals(List.of(Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE),
                m.stream().map(Measurement::verdict).toList());
        m.forEach(x -> assertNull(x.value()));
        assertEquals("requests: no series (nothing scraped for this workload)", m.get(0).detail());
        assertEquals("p99 is NaN (no observations in the window)", m.get(1).detail());
        assertEquals("error ratio is +Inf", m.get(2).detail());
    }

    @Test
    void aFailedQueryIsAnErrorEvenWhenRequestsAreTooFew() {
        List<Measurement> m = evaluate(value(3), new QueryOutcome.Failed("cluster eu-1: Prometheus did not answer"
                + " within 10s"), value(0), value(3));
        assertEquals(Verdict.ERROR, m.get(1).verdict());
        assertEquals(Verdict.INCONCLUSIVE, m.get(2).verdict());
    }
}
