package io.modelfleet.fleet.repository;

import static io.modelfleet.common.persistence.SqlValues.json;
import static io.modelfleet.common.persistence.SqlValues.utc;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.ModelEntity;
import io.modelfleet.fleet.domain.AnalysisKnobs;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.domain.DemandSource;
import io.modelfleet.placement.domain.AutoRollout;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.entity.DemandEntity;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;
import io.modelfleet.fleet.entity.NodePoolEntity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Single-resource reads of the fleet in plain SQL, one statement each: the hot GETs skip Hibernate's session,
 * query translation and hydration. They fill detached entities with exactly what the view needs, so FleetMapper
 * stays the one place views are built and a GET answers what a write answers.
 */
@ApplicationScoped
public class FleetReads {


    private static final String CLUSTER = "SELECT c.id, c.name, c.region, c.target, c.account_id, c.revision,"
            + " c.metrics_prometheus_url, c.metrics_credentials_ref, c.created_at, c.updated_at, p.name AS pool,"
            + " h.name AS hardware, p.capacity_type, p.max_nodes"
            + " FROM cluster c LEFT JOIN node_pool p ON p.cluster_id = c.id"
            + " LEFT JOIN hardware_profile h ON h.id = p.hardware_profile_id WHERE c.name = $1 ORDER BY p.position";

    private static final String DEPLOYMENT_ROWS = "SELECT d.id, d.name, m.id AS model_id, m.name AS model,"
            + " d.model_version, d.p99_latency_ms, d.min_accuracy, d.min_replicas, d.headroom, d.demand_source,"
            + " CAST(d.analysis AS TEXT) AS analysis, d.auto_rollout, d.max_disrupted_percent,"
            + " d.maintenance_schedule, d.maintenance_duration, d.allow_estimated, d.revision, d.created_at,"
            + " d.updated_at,"
            + " x.id AS demand_id, c.id AS cluster_id, c.name AS cluster, x.rps"
            + " FROM model_deployment d JOIN model m ON m.id = d.model_id"
            + " LEFT JOIN deployment_demand x ON x.deployment_id = d.id LEFT JOIN cluster c ON c.id = x.cluster_id";

    private static final String DEPLOYMENT = DEPLOYMENT_ROWS + " WHERE d.name = $1 ORDER BY x.position";

    /** For {@link DeploymentWrites}, which locks the row by name first and then reads it by id. */
    static final String DEPLOYMENT_BY_ID = DEPLOYMENT_ROWS + " WHERE d.id = $1 ORDER BY x.position";

    private final Pool pool;

    public FleetReads(Pool pool) {
        this.pool = pool;
    }

    /** The named cluster with its node pools in their order, detached; null when absent. */
    public Uni<ClusterEntity> cluster(String name) {
        return pool.preparedQuery(CLUSTER).execute(Tuple.of(name)).map(FleetReads::cluster);
    }

    /** The named deployment with its demand rows in their order, detached; null when absent. */
    public Uni<ModelDeploymentEntity> deployment(String name) {
        return pool.preparedQuery(DEPLOYMENT).execute(Tuple.of(name)).map(FleetReads::deployment);
    }

    private static ClusterEntity cluster(RowSet<Row> rows) {
        ClusterEntity e = null;
        for (Row r : rows) {
            if (e == null) {
                e = new ClusterEntity();
                e.id = r.getLong("id");
                e.name = r.getString("name");
                e.region = r.getString("region");
                e.target = json(r.getValue("target").toString(), ClusterTarget.class);
                e.accountId = r.getString("account_id");
                e.metricsPrometheusUrl = r.getString("metrics_prometheus_url");
                e.metricsCredentialsRef = r.getString("metrics_credentials_ref");
                e.revision = r.getLong("revision");
                e.createdAt = utc(r.getOffsetDateTime("created_at"));
                e.updatedAt = utc(r.getOffsetDateTime("updated_at"));
            }
            if (r.getString("pool") != null) {
                NodePoolEntity p = new NodePoolEntity();
                p.cluster = e;
                p.name = r.getString("pool");
                p.hardware = new HardwareProfileEntity();
                p.hardware.name = r.getString("hardware");
                p.capacityType = CapacityType.valueOf(r.getString("capacity_type"));
                p.maxNodes = r.getInteger("max_nodes");
                p.position = e.nodePools.size();
                e.nodePools.add(p);
            }
        }
        return e;
    }

    static ModelDeploymentEntity deployment(RowSet<Row> rows) {
        ModelDeploymentEntity e = null;
        for (Row r : rows) {
            if (e == null) {
                e = new ModelDeploymentEntity();
                e.id = r.getLong("id");
                e.name = r.getString("name");
                e.model = new ModelEntity();
                e.model.id = r.getLong("model_id");
                e.model.name = r.getString("model");
                e.version = r.getString("model_version");
                e.p99LatencyMs = r.getDouble("p99_latency_ms");
                e.minAccuracy = r.getDouble("min_accuracy");
                e.minReplicas = r.getInteger("min_replicas");
                e.headroom = r.getDouble("headroom");
                e.demandSource = DemandSource.valueOf(r.getString("demand_source"));
                String analysis = r.getString("analysis");
                e.analysis = analysis == null ? null : json(analysis, AnalysisKnobs.class);
                e.autoRollout = AutoRollout.valueOf(r.getString("auto_rollout"));
                e.maxDisruptedPercent = r.getInteger("max_disrupted_percent");
                e.maintenanceSchedule = r.getString("maintenance_schedule");
                e.maintenanceDuration = r.getString("maintenance_duration");
                e.allowEstimated = r.getBoolean("allow_estimated");
                e.revision = r.getLong("revision");
                e.createdAt = utc(r.getOffsetDateTime("created_at"));
                e.updatedAt = utc(r.getOffsetDateTime("updated_at"));
            }
            if (r.getString("cluster") != null) {
                DemandEntity d = new DemandEntity();
                d.id = r.getLong("demand_id");
                d.deployment = e;
                d.cluster = new ClusterEntity();
                d.cluster.id = r.getLong("cluster_id");
                d.cluster.name = r.getString("cluster");
                d.rps = r.getDouble("rps");
                d.position = e.demand.size();
                e.demand.add(d);
            }
        }
        return e;
    }



}
