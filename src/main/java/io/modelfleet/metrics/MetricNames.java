package io.modelfleet.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every domain metric family the control plane exports on /q/metrics, by its Prometheus name, with its type. The
 * meters are named after these (Micrometer adds the {@code _seconds} and {@code _total} suffixes); tests hold the
 * scrape, docs/operations.md ("Metrics") and docs/grafana/modelfleet.json to this list.
 */
public final class MetricNames {

    public static final String FLEET_COST = "modelfleet_fleet_hourly_cost_usd";
    public static final String DEPLOYMENT_COST = "modelfleet_deployment_hourly_cost_usd";
    public static final String UNPLACED = "modelfleet_latest_plan_unplaced_pairs";
    public static final String BASELINE_COST = "modelfleet_latest_plan_baseline_hourly_cost_usd";
    public static final String BASELINE_UNPLACED = "modelfleet_latest_plan_baseline_unplaced_pairs";
    public static final String SAVINGS = "modelfleet_latest_plan_savings_hourly_usd";
    public static final String PLAN_CREATED = "modelfleet_latest_plan_created_timestamp_seconds";
    public static final String PLANS = "modelfleet_plans";
    public static final String ROLLOUTS = "modelfleet_rollouts";
    public static final String PRICE_REFRESHED = "modelfleet_price_refresh_timestamp_seconds";
    public static final String PRICE_AGE = "modelfleet_price_refresh_age_seconds";
    public static final String STALE_OFFERINGS = "modelfleet_stale_offerings";
    public static final String FIGURES_READ = "modelfleet_fleet_figures_read_timestamp_seconds";
    public static final String PLAN_SOLVE = "modelfleet_plan_solve_duration_seconds";
    public static final String STEP_DURATION = "modelfleet_rollout_step_duration_seconds";
    public static final String ROLLBACKS = "modelfleet_rollbacks_total";
    public static final String MEASUREMENTS = "modelfleet_analysis_measurements_total";
    public static final String PRICE_FAILURES = "modelfleet_price_refresh_failures_total";
    /** ROLLBACK_FAILED rollouts, from the same read as {@link #ROLLOUTS}, so every replica exports the same count. */
    public static final String NEEDING_ATTENTION = "modelfleet_rollouts_needing_attention";

    /** A family's Prometheus type and its labels (histograms also have {@code le} on their buckets). */
    public record Family(String type, List<String> labels) {
    }

    /** Every family by the name queries use. */
    public static final Map<String, Family> ALL = all();

    private MetricNames() {
    }

    private static Map<String, Family> all() {
        Map<String, Family> out = new TreeMap<>();
        gauge(out, FLEET_COST, "state");
        gauge(out, DEPLOYMENT_COST, "deployment", "state");
        gauge(out, UNPLACED);
        gauge(out, BASELINE_COST, "baseline");
        gauge(out, BASELINE_UNPLACED, "baseline");
        gauge(out, SAVINGS, "baseline");
        gauge(out, PLAN_CREATED);
        gauge(out, PLANS, "status");
        gauge(out, ROLLOUTS, "status");
        gauge(out, PRICE_REFRESHED, "region");
        gauge(out, PRICE_AGE, "region");
        gauge(out, STALE_OFFERINGS, "region");
        gauge(out, FIGURES_READ);
        gauge(out, NEEDING_ATTENTION);
        out.put(PLAN_SOLVE, new Family("histogram", List.of("status")));
        out.put(STEP_DURATION, new Family("histogram", List.of("action", "status")));
        out.put(ROLLBACKS, new Family("counter", List.of("reason")));
        out.put(MEASUREMENTS, new Family("counter", List.of("check", "verdict")));
        out.put(PRICE_FAILURES, new Family("counter", List.of("region")));
        return Collections.unmodifiableMap(out);
    }

    private static void gauge(Map<String, Family> out, String name, String... labels) {
        out.put(name, new Family("gauge", List.of(labels)));
    }
}
