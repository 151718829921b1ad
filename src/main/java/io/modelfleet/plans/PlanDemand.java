package io.modelfleet.plans;

import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.analysis.domain.RuntimeChoice;
import io.modelfleet.analysis.service.ObservedDemand;
import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.fleet.domain.DemandSource;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.entity.DemandEntity;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which demand a plan uses per (deployment, cluster) row: DECLARED uses the declared rps; OBSERVED the observed
 * rate, or the declared rps (saying so) when nothing was observed, the cluster names no metrics source or the
 * query failed; MAX the larger of the two. The planner only ever sees the final rps.
 */
final class PlanDemand {

    /** A demand row as read in the snapshot's session: what to observe, or why it cannot be. */
    record Row(String deployment, String cluster, DemandSource source, double declaredRps,
            ObservedDemand.Target target, String unobservable) {
    }

    private PlanDemand() {
    }

    /** Every demand row of the deployments, with the query target of each that asks for observed demand. */
    static List<Row> rows(List<ModelDeploymentEntity> deployments, List<VariantEntity> variants,
            String defaultNamespace) {
        List<Row> out = new ArrayList<>();
        for (ModelDeploymentEntity d : deployments) {
            DemandSource source = d.demandSource == null ? DemandSource.DECLARED : d.demandSource;
            QueryRuntime runtime = runtime(d, variants);
            for (DemandEntity x : d.demand) {
                ClusterEntity c = x.cluster;
                if (source == DemandSource.DECLARED) {
                    out.add(new Row(d.name, c.name, source, x.rps, null, null));
                } else if (c.metricsPrometheusUrl == null) {
                    out.add(new Row(d.name, c.name, source, x.rps, null, "cluster " + c.name
                            + " names no metrics source: declared demand used"));
                } else if (runtime == null) {
                    out.add(new Row(d.name, c.name, source, x.rps, null, "the variants of " + d.model.name + " "
                            + d.version + " export different runtimes' metrics: set analysis.runtime; declared"
                            + " demand used"));
                } else {
                    String namespace = c.target != null && c.target.namespace() != null ? c.target.namespace()
                            : defaultNamespace;
                    out.add(new Row(d.name, c.name, source, x.rps, new ObservedDemand.Target(d.name, c.name,
                            namespace, runtime, new MetricsSource(c.metricsPrometheusUrl, c.metricsCredentialsRef)),
                            null));
                }
            }
        }
        return out;
    }

    /** The deployment's analysis.runtime, else the one runtime its version's variants choose; null if several. */
    private static QueryRuntime runtime(ModelDeploymentEntity d, List<VariantEntity> variants) {
        if (d.analysis != null && d.analysis.runtime() != null) {
            return d.analysis.runtime();
        }
        Set<QueryRuntime> chosen = variants.stream().filter(v -> v.model.name.equals(d.model.name)
                && v.version.equals(d.version)).map(v -> RuntimeChoice.of(v.image, v.format, null))
                .collect(Collectors.toCollection(TreeSet::new));
        return chosen.size() == 1 ? chosen.iterator().next() : chosen.isEmpty() ? QueryRuntime.OPENMETRICS : null;
    }

    /** Decides each row's demand; {@code observe} is called once per row that has a query target (blocking). */
    static List<DemandRecord> resolve(List<Row> rows, Function<ObservedDemand.Target, ObservedDemand.Rate> observe) {
        List<DemandRecord> out = new ArrayList<>();
        for (Row row : rows) {
            if (row.target() == null) {
                out.add(new DemandRecord(row.deployment(), row.cluster(), row.source(), row.declaredRps(),
                        row.declaredRps(), null, row.unobservable()));
                continue;
            }
            ObservedDemand.Rate rate = observe.apply(row.target());
            if (!rate.observed()) {
                String note = rate.failed() ? "observed demand query failed (" + rate.note() + "): declared demand"
                        + " used" : rate.note() + ": declared demand used";
                out.add(new DemandRecord(row.deployment(), row.cluster(), row.source(), row.declaredRps(),
                        row.declaredRps(), null, note));
                continue;
            }
            double observed = rate.rps();
            double used = row.source() == DemandSource.MAX ? Math.max(observed, row.declaredRps()) : observed;
            out.add(new DemandRecord(row.deployment(), row.cluster(), row.source(), used, row.declaredRps(),
                    observed, null));
        }
        return out;
    }

    /** The snapshot with each demand row's rps replaced by what was decided for it. */
    static CatalogSnapshot apply(CatalogSnapshot snapshot, List<DemandRecord> used) {
        return withDemand(snapshot, used.stream().collect(Collectors.toMap(r -> r.deployment() + "\n" + r.cluster(),
                DemandRecord::usedRps)));
    }

    /** The snapshot with the rps of the rows {@code rps} names (deployment + newline + cluster) replaced. */
    static CatalogSnapshot withDemand(CatalogSnapshot snapshot, Map<String, Double> rps) {
        return new CatalogSnapshot(snapshot.hardware(), snapshot.variants(), snapshot.clusters(),
                snapshot.deployments().stream().map(d -> d.withDemand(d.demand().stream().map(x ->
                        new Deployment.Demand(x.cluster(), rps.getOrDefault(d.name() + "\n" + x.cluster(), x.rps())))
                        .toList())).toList(),
                snapshot.quotas(), snapshot.running(), snapshot.reservations(), snapshot.switchCostUsdPerHour());
    }
}
