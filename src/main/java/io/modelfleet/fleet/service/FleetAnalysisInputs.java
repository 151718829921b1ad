package io.modelfleet.fleet.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.analysis.domain.AnalysisInputs;
import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.fleet.domain.AnalysisKnobs;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link AnalysisInputs} from the fleet's tables, one plain query each (no Hibernate session, so it serves the
 * engine's worker thread and reads the committed state). A cluster or deployment that does not exist reads as one
 * that names no metrics source or sets no knob: the engine then does not analyze, or uses the defaults.
 */
@ApplicationScoped
public class FleetAnalysisInputs implements AnalysisInputs {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool pool;

    public FleetAnalysisInputs(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Optional<MetricsSource> metricsSource(String cluster) {
        Row row = single("SELECT metrics_prometheus_url, metrics_credentials_ref FROM cluster WHERE name = $1",
                cluster);
        if (row == null || row.getString("metrics_prometheus_url") == null) {
            return Optional.empty();
        }
        return Optional.of(new MetricsSource(row.getString("metrics_prometheus_url"),
                row.getString("metrics_credentials_ref")));
    }

    @Override
    public AnalysisSettings settings(String deployment) {
        Row row = single("SELECT CAST(analysis AS TEXT) AS analysis FROM model_deployment WHERE name = $1",
                deployment);
        String stored = row == null ? null : row.getString("analysis");
        if (stored == null) {
            return AnalysisSettings.DEFAULTS;
        }
        try {
            return JSON.readValue(stored, AnalysisKnobs.class).settings();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("deployment '" + deployment + "' has analysis knobs that cannot be read",
                    e);
        }
    }

    private Row single(String sql, String name) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("AnalysisInputs blocks; call it from a worker thread, not the event loop");
        }
        RowSet<Row> rows = pool.preparedQuery(sql).execute(Tuple.of(name)).await().atMost(DB_TIMEOUT);
        return rows.rowCount() == 0 ? null : rows.iterator().next();
    }
}
