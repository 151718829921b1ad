package io.modelfleet.analysis.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;

/**
 * Turns one measurement's query outcomes into its checks' verdicts (docs/designs/003-metric-analysis.md):
 * <ul>
 * <li>a failed query is ERROR; an empty answer, NaN or ±Inf is INCONCLUSIVE — never a pass; only a check that
 * is {@link Check#optional()} (the deployment's {@code analysis.errorRatio} OPTIONAL) turns an empty answer into
 * NOT_APPLICABLE, which says so and judges nothing;
 * <li>{@code requests} below {@code minRequests} (or unknown) makes p99 and errorRatio INCONCLUSIVE, since the
 * latency of an idle workload proves nothing; the requests check itself is then INCONCLUSIVE too;
 * <li>p99 PASSes when {@code <=} the SLO's limit, errorRatio when {@code <=} maxErrorRatio, availability when the
 * available replicas are {@code >=} the planned ones; otherwise FAIL.
 * </ul>
 * Each detail is a sentence a person reads next to the verdict, e.g. "p99 31.2 ms > 20 ms".
 */
public final class CheckEvaluator {

    /** A check with what its query returned. */
    public record Observed(Check check, QueryOutcome outcome) {
    }

    private record Judged(Verdict verdict, Double value, String detail) {
    }

    private CheckEvaluator() {
    }

    /** One Measurement per observed check, in the order given, all stamped {@code at}. */
    public static List<Measurement> evaluate(AnalysisTarget target, AnalysisSettings settings,
            List<Observed> observed, Instant at) {
        Judged requests = observed.stream().filter(o -> o.check().name().equals(Check.REQUESTS)).findFirst()
                .map(o -> requests(o.outcome(), settings)).orElse(null);
        List<Measurement> measurements = new ArrayList<>();
        for (Observed o : observed) {
            Judged judged = switch (o.check().name()) {
                case Check.REQUESTS -> requests;
                case Check.P99 -> gated(requests, judge(o.outcome(), "p99", v -> v <= target.p99LimitMs(),
                        v -> "p99 " + number(v) + " ms " + (v <= target.p99LimitMs() ? "<=" : ">") + " "
                                + number(target.p99LimitMs()) + " ms"));
                case Check.ERROR_RATIO -> o.outcome() instanceof QueryOutcome.NoSeries && o.check().whenAbsent() != null
                        ? noOutcomes(o.check())
                        : gated(requests, judge(o.outcome(), "error ratio", v -> v <= settings.maxErrorRatio(),
                                v -> "error ratio " + percent(v) + " " + (v <= settings.maxErrorRatio() ? "<=" : ">")
                                        + " " + percent(settings.maxErrorRatio())));
                case Check.AVAILABILITY -> o.outcome() instanceof QueryOutcome.NoSeries
                        ? new Judged(Verdict.INCONCLUSIVE, null, "available replicas: no series: "
                                + QueryTemplates.AVAILABILITY_ABSENT)
                        : judge(o.outcome(), "available replicas", v -> v >= target.plannedReplicas(),
                                v -> number(v) + " of " + target.plannedReplicas() + " planned replicas available");
                default -> throw new IllegalArgumentException("unknown check " + o.check().name());
            };
            measurements.add(new Measurement(o.check().name(), o.check().query(), judged.value(), judged.verdict(),
                    at, judged.detail()));
        }
        return measurements;
    }

    /** An error ratio with no series: the workload exports no request outcomes. */
    private static Judged noOutcomes(Check check) {
        return check.optional()
                ? new Judged(Verdict.NOT_APPLICABLE, null, "error ratio not applicable: " + check.whenAbsent()
                        + "; analysis.errorRatio is OPTIONAL, so the measurement is judged on p99 and requests")
                : new Judged(Verdict.INCONCLUSIVE, null, "error ratio: no series: " + check.whenAbsent()
                        + "; export it, or set analysis.errorRatio to OPTIONAL to gate on p99 and requests only");
    }

    private static Judged requests(QueryOutcome outcome, AnalysisSettings settings) {
        String window = QueryVariables.duration(settings.window());
        return judge(outcome, "requests", v -> v >= settings.minRequests(), v -> v >= settings.minRequests()
                ? number(v) + " requests in " + window
                : number(v) + " requests in " + window + ", fewer than the minimum " + settings.minRequests(),
                Verdict.INCONCLUSIVE);
    }

    /** A latency or error check is only judged when the requests check passed. */
    private static Judged gated(Judged requests, Judged own) {
        if (own.verdict() == Verdict.ERROR || own.verdict() == Verdict.INCONCLUSIVE || requests == null
                || requests.verdict() == Verdict.PASS) {
            return own;
        }
        return new Judged(Verdict.INCONCLUSIVE, own.value(), own.detail() + ", not judged: "
                + (requests.verdict() == Verdict.ERROR ? "the request count is unknown" : requests.detail()));
    }

    private static Judged judge(QueryOutcome outcome, String what, DoublePredicate passes,
            DoubleFunction<String> detail) {
        return judge(outcome, what, passes, detail, Verdict.FAIL);
    }

    private static Judged judge(QueryOutcome outcome, String what, DoublePredicate passes,
            DoubleFunction<String> detail, Verdict otherwise) {
        if (outcome instanceof QueryOutcome.Failed failed) {
            return new Judged(Verdict.ERROR, null, failed.reason());
        }
        if (outcome instanceof QueryOutcome.NoSeries) {
            return new Judged(Verdict.INCONCLUSIVE, null, what + ": no series (nothing scraped for this workload)");
        }
        double v = ((QueryOutcome.Value) outcome).value();
        if (Double.isNaN(v)) {
            return new Judged(Verdict.INCONCLUSIVE, null, what + " is NaN (no observations in the window)");
        }
        if (Double.isInfinite(v)) {
            return new Judged(Verdict.INCONCLUSIVE, null, what + " is " + (v > 0 ? "+Inf" : "-Inf"));
        }
        return new Judged(passes.test(v) ? Verdict.PASS : otherwise, v, detail.apply(v));
    }

    /** At most three decimals, no trailing zeros: 31.2, 20, 0.125. */
    static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String percent(double ratio) {
        return number(ratio * 100) + "%";
    }
}
