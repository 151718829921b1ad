package io.modelfleet.fleet.service;

import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.ModelEntity;
import io.modelfleet.common.Clock;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.dto.ClusterSpec;
import io.modelfleet.fleet.dto.ClusterView;
import io.modelfleet.fleet.dto.DeploymentSpec;
import io.modelfleet.fleet.dto.DeploymentView;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.entity.DemandEntity;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;
import io.modelfleet.fleet.entity.NodePoolEntity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Entity ↔ DTO for clusters and deployments. Child rows are updated in place by their key. */
public final class FleetMapper {

    /*
     * Child rows in their stored order: after a replace the in-memory list holds kept rows where they were and new
     * ones at the end, while a read orders by position, so the write's answer would list them differently.
     */
    private static final java.util.Comparator<NodePoolEntity> BY_POOL_POSITION =
            java.util.Comparator.comparingInt(p -> p.position);
    private static final java.util.Comparator<DemandEntity> BY_DEMAND_POSITION =
            java.util.Comparator.comparingInt(d -> d.position);

    private FleetMapper() {
    }

    public static ClusterView view(ClusterEntity e) {
        ClusterTarget t = e.target;
        return new ClusterView(e.name, e.region, e.accountId, new ClusterView.Target(t.type(), t.context(), t.apiServer(),
                t.namespace(), t.credentialsRef() != null, t.directory()),
                e.nodePools.stream().sorted(BY_POOL_POSITION).map(p -> new ClusterView.NodePool(p.name, p.hardware.name, p.capacityType,
                        p.maxNodes)).toList(), AnalysisMapper.metricsView(e), e.revision, e.createdAt, e.updatedAt);
    }

    public static ClusterSpec spec(ClusterEntity e) {
        ClusterTarget t = e.target;
        return new ClusterSpec(e.name, e.region, new ClusterSpec.Target(t.type(), t.context(), t.apiServer(),
                t.namespace(), t.credentialsRef(), t.directory()), e.nodePools.stream().sorted(BY_POOL_POSITION)
                        .map(p -> new ClusterSpec.NodePool(p.name, p.hardware.name, p.capacityType, p.maxNodes))
                        .toList(), e.accountId, AnalysisMapper.metricsSpec(e));
    }

    public static void apply(ClusterSpec spec, ClusterEntity e, Map<String, HardwareProfileEntity> hardware) {
        e.name = spec.name();
        e.region = spec.region();
        e.accountId = spec.accountId();
        e.metricsPrometheusUrl = spec.metrics() == null ? null : spec.metrics().prometheusUrl();
        e.metricsCredentialsRef = spec.metrics() == null ? null : spec.metrics().credentialsRef();
        ClusterSpec.Target t = spec.target();
        e.target = new ClusterTarget(t.type(), t.context(), t.apiServer(), t.namespace(), t.credentialsRef(),
                t.directory());
        e.gitopsDirectory = t.type() == TargetType.GITOPS ? GitOpsFolders.of(spec.name(), t.directory()) : null;
        Map<String, NodePoolEntity> existing = new HashMap<>();
        e.nodePools.forEach(p -> existing.put(p.name, p));
        List<NodePoolEntity> next = new ArrayList<>();
        for (ClusterSpec.NodePool pool : spec.nodePools()) {
            NodePoolEntity p = existing.remove(pool.name());
            if (p == null) {
                p = new NodePoolEntity();
                p.cluster = e;
                p.name = pool.name();
            }
            p.hardware = hardware.get(pool.hardware());
            p.capacityType = pool.capacityType();
            p.maxNodes = pool.maxNodes();
            next.add(p);
        }
        e.nodePools.removeIf(existing::containsValue);
        for (int i = 0; i < next.size(); i++) {
            next.get(i).position = i;
            if (!e.nodePools.contains(next.get(i))) {
                e.nodePools.add(next.get(i));
            }
        }
        e.updatedAt = Clock.now();
    }

    public static DeploymentView view(ModelDeploymentEntity e) {
        return new DeploymentView(e.name, e.model.name, e.version, new DeploymentView.Slo(e.p99LatencyMs,
                e.minAccuracy, e.minReplicas, e.headroom), e.demand.stream().sorted(BY_DEMAND_POSITION)
                        .map(d -> new DeploymentView.Demand(d.cluster.name, d.rps)).toList(),
                e.demandSource, AnalysisMapper.view(AnalysisMapper.knobs(e)), e.autoRollout, BudgetMapper.view(e),
                e.allowEstimated, e.revision, e.createdAt, e.updatedAt);
    }

    public static DeploymentSpec spec(ModelDeploymentEntity e) {
        return new DeploymentSpec(e.name, e.model.name, e.version, new DeploymentSpec.Slo(e.p99LatencyMs,
                e.minAccuracy, e.minReplicas, e.headroom), e.demand.stream().sorted(BY_DEMAND_POSITION)
                        .map(d -> new DeploymentSpec.Demand(d.cluster.name, d.rps)).toList(), e.demandSource,
                AnalysisMapper.spec(AnalysisMapper.knobs(e)), e.autoRollout, BudgetMapper.spec(e), e.allowEstimated);
    }

    public static void apply(DeploymentSpec spec, ModelDeploymentEntity e, ModelEntity model,
            Map<String, ClusterEntity> clusters) {
        e.name = spec.name();
        e.model = model;
        e.version = spec.version();
        e.p99LatencyMs = spec.slo().p99LatencyMs();
        e.minAccuracy = spec.slo().minAccuracy();
        e.minReplicas = spec.slo().minReplicas();
        e.headroom = spec.slo().headroom();
        e.demandSource = spec.demandSource();
        e.analysis = AnalysisMapper.knobs(spec.analysis());
        // Absent only when the caller did not decide (DeploymentService decides before it maps): keep what is stored.
        if (spec.allowEstimated() != null) {
            e.allowEstimated = spec.allowEstimated();
        }
        BudgetMapper.apply(spec, e);
        Map<String, DemandEntity> existing = new HashMap<>();
        e.demand.forEach(d -> existing.put(d.cluster.name, d));
        List<DemandEntity> next = new ArrayList<>();
        for (DeploymentSpec.Demand demand : spec.demand()) {
            DemandEntity d = existing.remove(demand.cluster());
            if (d == null) {
                d = new DemandEntity();
                d.deployment = e;
                d.cluster = clusters.get(demand.cluster());
            }
            d.rps = demand.rps();
            next.add(d);
        }
        e.demand.removeIf(existing::containsValue);
        for (int i = 0; i < next.size(); i++) {
            next.get(i).position = i;
            if (!e.demand.contains(next.get(i))) {
                e.demand.add(next.get(i));
            }
        }
        e.updatedAt = Clock.now();
    }
}
