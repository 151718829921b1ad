package io.modelfleet.analysis.service;

import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryOutcome;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.analysis.domain.QueryTemplates;
import io.modelfleet.analysis.domain.QueryVariables;
import io.modelfleet.analysis.prometheus.PrometheusClient;
import io.modelfleet.analysis.prometheus.PrometheusQueryException;
import io.modelfleet.api.security.WithheldDetails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * A deployment's observed request rate on one cluster: the {@code demandQuantile} over {@code demandWindow} of
 * {@code demandRateWindow} rates of every workload of the deployment in the namespace, as one PromQL subquery
 * ({@code quantile_over_time(q, (<rate>)[window:step])}). Blocking (one HTTP query, bounded by the client's timeout):
 * call it from a worker thread. Never throws for a failed query; the answer says what happened.
 */
@ApplicationScoped
public class ObservedDemand {

    /** What to ask: whose demand, where its pods run, which runtime's metrics they export, and the source. */
    public record Target(String deployment, String cluster, String namespace, QueryRuntime runtime,
            MetricsSource source) {
    }

    /** The answer: the observed rate (requests/s), or why there is none ({@code failed}: the query failed). */
    public record Rate(Double rps, String note, boolean failed) {

        static Rate observed(double rps) {
            return new Rate(rps, null, false);
        }

        static Rate nothing(String note) {
            return new Rate(null, note, false);
        }

        static Rate failure(String note) {
            return new Rate(null, note, true);
        }

        public boolean observed() {
            return rps != null;
        }
    }

    /** The query's shape: quantile, the window it looks back over, each rate's range and the subquery step. */
    public record Settings(double quantile, Duration window, Duration rateWindow, Duration step) {

        public Settings {
            if (!(quantile >= 0 && quantile <= 1)) {
                throw new IllegalArgumentException("modelfleet.analysis.observed.demand-quantile must be in [0, 1],"
                        + " was " + quantile);
            }
            for (Duration d : new Duration[] {window, rateWindow, step}) {
                if (d.isNegative() || d.isZero() || d.toMillis() % 1000 != 0) {
                    throw new IllegalArgumentException("observed demand windows and step must be whole positive"
                            + " seconds, was " + d);
                }
            }
        }
    }

    private final PrometheusClient client;
    private final Settings settings;
    private final Clock wallClock;

    @Inject
    public ObservedDemand(PrometheusClient client, ObservedConfig config) {
        this(client, new Settings(config.demandQuantile(), config.demandWindow(), config.demandRateWindow(),
                config.demandStep()), Clock.systemUTC());
    }

    public ObservedDemand(PrometheusClient client, Settings settings, Clock wallClock) {
        this.client = client;
        this.settings = settings;
        this.wallClock = wallClock;
    }

    public Settings settings() {
        return settings;
    }

    /** The PromQL sent for {@code target}. */
    public String query(Target target) {
        QueryVariables variables = QueryVariables.deploymentWide(target.namespace(), target.deployment(),
                settings.rateWindow());
        return "quantile_over_time(" + settings.quantile() + ", ("
                + variables.render(QueryTemplates.of(target.runtime()).demandRate()) + ")["
                + seconds(settings.window()) + ":" + seconds(settings.step()) + "])";
    }

    /** The observed rate now; no series, NaN or infinity is nothing observed. */
    public Rate observe(Target target) {
        String promql;
        try {
            promql = query(target);
        } catch (IllegalArgumentException e) {
            return Rate.failure("cluster " + target.cluster() + ": " + e.getMessage());
        }
        try {
            QueryOutcome outcome = client.query(target.cluster(), target.source(), promql, wallClock.instant());
            if (outcome instanceof QueryOutcome.Value v && Double.isFinite(v.value()) && v.value() >= 0) {
                return Rate.observed(v.value());
            }
            return Rate.nothing("nothing observed: no " + target.runtime() + " request series of deployment '"
                    + target.deployment() + "' in namespace '" + target.namespace() + "' on cluster "
                    + target.cluster() + " within " + seconds(settings.window()));
        } catch (PrometheusQueryException e) {
            return Rate.failure(e.getMessage());
        } catch (RuntimeException e) {
            return Rate.failure(WithheldDetails.withhold("cluster " + target.cluster()
                    + ": the observed demand query failed", e));
        }
    }

    static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }
}
