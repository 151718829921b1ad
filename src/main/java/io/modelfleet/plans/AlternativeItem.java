package io.modelfleet.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.PlanResult.Alternative;
import io.modelfleet.planning.PlanResult.CostBasis;
import io.modelfleet.planning.PlanResult.Outcome;
import io.modelfleet.planning.Rule;

/**
 * One item of {@code GET /plans/{id}/alternatives}: an option exactly as a plan body shows it, plus the pair it
 * belongs to (a page may span pairs). Absent values are omitted, as in the body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlternativeItem(String deployment, String cluster, String variantId, Precision precision,
        String hardware, String pool, Integer batchSize, Integer replicas, Outcome outcome, Rule rule, String reason,
        Double extraHourlyCostUsd, CostBasis costBasis, Integer concurrency, BenchmarkSource benchmarkSource) {

    static AlternativeItem of(String deployment, String cluster, Alternative a) {
        return new AlternativeItem(deployment, cluster, a.variantId(), a.precision(), a.hardware(), a.pool(),
                a.batchSize(), a.replicas(), a.outcome(), a.rule(), a.reason(), a.extraHourlyCostUsd(),
                a.costBasis(), a.concurrency(), a.benchmarkSource());
    }
}
