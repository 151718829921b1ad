package io.modelfleet.metrics;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gauges that describe the fleet (costs, savings, unplaced pairs, plans and rollouts by status, price refreshes),
 * computed from PostgreSQL so every replica exports the same values, whichever one drives a rollout. A Prometheus
 * collector rather than Micrometer gauges: the set of series (one per deployment, region, status) is decided at
 * scrape time from one coherent read, so a scrape never shows a deployment's cost from one read and the fleet's from
 * another. The read is cached for {@code modelfleet.metrics.cache-ttl}.
 */
@ApplicationScoped
public class FleetCollector extends Collector implements Collector.Describable {

    static final String RUNNING = "running";
    static final String PLANNED = "planned";

    private final CachedValue<FleetFigures> figures;
    private final PrometheusMeterRegistry registry;
    private final Clock wallClock = Clock.systemUTC();

    public FleetCollector(FleetFiguresReader reader, MetricsConfig config, Clock clock,
            PrometheusMeterRegistry registry) {
        Duration timeout = config.readTimeout();
        this.figures = new CachedValue<>(() -> reader.read().await().atMost(timeout), config.cacheTtl(), clock);
        this.registry = registry;
    }

    void register(@Observes StartupEvent start) {
        registry.getPrometheusRegistry().register(this);
    }

    /** A registry outliving this application (a restarted test application, dev mode) must not keep a dead one. */
    void unregister(@Observes io.quarkus.runtime.ShutdownEvent stop) {
        registry.getPrometheusRegistry().unregister(this);
    }

    /** The figures this scrape shows: read now if the cached ones expired, except on an event loop, which never waits. */
    FleetFigures figures() {
        return io.vertx.core.Context.isOnEventLoopThread() ? figures.last() : figures.get();
    }

    @Override
    public List<MetricFamilySamples> describe() {
        return families(null);
    }

    @Override
    public List<MetricFamilySamples> collect() {
        FleetFigures f = figures();
        return f == null ? List.of() : families(f);
    }

    /** Every family, with its samples from {@code f} (none when null: what {@link #describe()} lists). */
    private List<MetricFamilySamples> families(FleetFigures f) {
        GaugeMetricFamily fleetCost = new GaugeMetricFamily(MetricNames.FLEET_COST,
                "Hourly cost in USD of the whole fleet: state=running is what runs now (running placements),"
                        + " state=planned every deployment at the newest plan that planned it", List.of("state"));
        GaugeMetricFamily deploymentCost = new GaugeMetricFamily(MetricNames.DEPLOYMENT_COST,
                "Hourly cost in USD of one deployment over its clusters (placements' attributed cost): state=running"
                        + " what runs now, state=planned in the newest plan that planned it", List.of("deployment", "state"));
        GaugeMetricFamily unplaced = new GaugeMetricFamily(MetricNames.UNPLACED,
                "Deployment-cluster pairs the latest plan could not place", List.of());
        GaugeMetricFamily baselineCost = new GaugeMetricFamily(MetricNames.BASELINE_COST,
                "Hourly cost in USD of the latest plan's fleet under a baseline (fp32Only, singleHardware)",
                List.of("baseline"));
        GaugeMetricFamily baselineUnplaced = new GaugeMetricFamily(MetricNames.BASELINE_UNPLACED,
                "Pairs the baseline could not place (compare with modelfleet_latest_plan_unplaced_pairs before"
                        + " reading its savings)", List.of("baseline"));
        GaugeMetricFamily savings = new GaugeMetricFamily(MetricNames.SAVINGS,
                "What the latest plan saves per hour in USD against a baseline: baseline cost minus plan cost; absent"
                        + " when the baseline leaves more pairs unplaced than the plan", 
                List.of("baseline"));
        GaugeMetricFamily planCreated = new GaugeMetricFamily(MetricNames.PLAN_CREATED,
                "When the latest plan was created, Unix seconds", List.of());
        GaugeMetricFamily plans = new GaugeMetricFamily(MetricNames.PLANS, "Stored plans by status",
                List.of("status"));
        GaugeMetricFamily rollouts = new GaugeMetricFamily(MetricNames.ROLLOUTS, "Stored rollouts by status",
                List.of("status"));
        GaugeMetricFamily refreshedAt = new GaugeMetricFamily(MetricNames.PRICE_REFRESHED,
                "When an AWS price refresh last wrote a price in the region, Unix seconds", List.of("region"));
        GaugeMetricFamily refreshAge = new GaugeMetricFamily(MetricNames.PRICE_AGE,
                "Seconds since an AWS price refresh last wrote a price in the region", List.of("region"));
        GaugeMetricFamily stale = new GaugeMetricFamily(MetricNames.STALE_OFFERINGS,
                "Offerings in the region whose last price refresh failed (they keep their last known price)",
                List.of("region"));
        GaugeMetricFamily readAt = new GaugeMetricFamily(MetricNames.FIGURES_READ,
                "When these fleet figures were read from PostgreSQL (they are cached for modelfleet.metrics.cache-ttl),"
                        + " Unix seconds", List.of());
        GaugeMetricFamily needingAttention = new GaugeMetricFamily(MetricNames.NEEDING_ATTENTION,
                "Rollouts in ROLLBACK_FAILED: modelfleet cannot finish them; an admin must look (force-end)", List.of());
        List<MetricFamilySamples> all = List.of(fleetCost, deploymentCost, unplaced, baselineCost, baselineUnplaced,
                savings, planCreated, plans, rollouts, refreshedAt, refreshAge, stale, readAt, needingAttention);
        if (f == null) {
            return all;
        }
        fleetCost.addMetric(List.of(RUNNING), f.runningHourlyCostUsd());
        f.runningByDeployment().forEach((d, cost) -> deploymentCost.addMetric(List.of(d, RUNNING), cost));
        if (!f.plannedByDeployment().isEmpty()) {
            fleetCost.addMetric(List.of(PLANNED), f.plannedHourlyCostUsd());
        }
        f.plannedByDeployment().forEach((d, cost) -> deploymentCost.addMetric(List.of(d, PLANNED), cost));
        FleetFigures.LatestPlan plan = f.latestPlan();
        if (plan != null) {
            unplaced.addMetric(List.of(), plan.unplacedPairs());
            for (Map.Entry<String, FleetFigures.Baseline> b : plan.baselines().entrySet()) {
                baselineCost.addMetric(List.of(b.getKey()), b.getValue().totalHourlyCostUsd());
                baselineUnplaced.addMetric(List.of(b.getKey()), b.getValue().unplacedPairs());
                // A baseline that leaves more pairs unplaced costs less for serving less: no saving to compare.
                if (b.getValue().unplacedPairs() <= plan.unplacedPairs()) {
                    savings.addMetric(List.of(b.getKey()), b.getValue().totalHourlyCostUsd() - plan.totalHourlyCostUsd());
                }
            }
            planCreated.addMetric(List.of(), seconds(plan.createdAt()));
        }
        f.plansByStatus().forEach((status, n) -> plans.addMetric(List.of(status), n));
        f.rolloutsByStatus().forEach((status, n) -> rollouts.addMetric(List.of(status), n));
        needingAttention.addMetric(List.of(), f.rolloutsByStatus().getOrDefault("ROLLBACK_FAILED", 0L));
        // Ages against the wall clock: price_updated_at is written with it (common.Clock), not the engine's clock.
        Instant now = wallClock.instant();
        f.lastPriceRefresh().forEach((region, at) -> {
            refreshedAt.addMetric(List.of(region), seconds(at));
            refreshAge.addMetric(List.of(region), Math.max(0, Duration.between(at, now).toMillis() / 1000.0));
        });
        f.staleOfferings().forEach((region, n) -> stale.addMetric(List.of(region), n));
        readAt.addMetric(List.of(), seconds(f.readAt()));
        return new ArrayList<>(all);
    }

    private static double seconds(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }
}
