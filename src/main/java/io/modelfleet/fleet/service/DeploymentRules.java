package io.modelfleet.fleet.service;

import io.modelfleet.api.Names;
import io.modelfleet.api.Violations;
import io.modelfleet.fleet.domain.AnalysisKnobs;
import io.modelfleet.fleet.domain.DemandSource;
import io.modelfleet.fleet.dto.DeploymentSpec;
import io.modelfleet.placement.domain.AutoRollout;
import io.modelfleet.planning.PlanningBounds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a deployment: an SLO with a positive p99 budget, positive demand, each cluster at most once. */
public final class DeploymentRules {

    static final int DEFAULT_MIN_REPLICAS = 1;
    static final double DEFAULT_HEADROOM = 0.0;

    static final int MAX_DEMAND = 256;
    static final double MAX_ACCURACY = 1_000_000;

    private DeploymentRules() {
    }

    public static DeploymentSpec normalize(String name, DeploymentSpec spec) {
        Violations v = new Violations();
        if (spec == null) {
            v.add("body", "is required").throwIfAny();
        }
        Names.check(v, "name", name);
        Names.check(v, "model", spec.model());
        if (v.required("version", spec.version())) {
            v.pattern("version", spec.version(), 64, "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}",
                    "must be 1-64 letters, digits, '.', '_', '+' or '-', such as 1.0.0");
        }
        DeploymentSpec.Slo slo = spec.slo();
        if (v.required("slo", slo)) {
            v.positiveAtMost("slo.p99LatencyMs", slo.p99LatencyMs(), PlanningBounds.MAX_LATENCY_MS);
            v.rangeIfPresent("slo.minAccuracy", slo.minAccuracy(), 0, MAX_ACCURACY);
            v.rangeIfPresent("slo.minReplicas", slo.minReplicas(), 1, PlanningBounds.MAX_REPLICAS);
            v.rangeIfPresent("slo.headroom", slo.headroom(), 0, PlanningBounds.MAX_HEADROOM);
        }
        List<DeploymentSpec.Demand> demand = spec.demand() == null ? List.of() : spec.demand();
        Set<String> clusters = new HashSet<>();
        for (int i = 0; v.maxSize("demand", demand, MAX_DEMAND) && i < demand.size(); i++) {
            String at = "demand[" + i + "]";
            DeploymentSpec.Demand d = demand.get(i);
            if (!v.required(at, d)) {
                continue;
            }
            Names.check(v, at + ".cluster", d.cluster());
            if (d.cluster() != null && !clusters.add(d.cluster())) {
                v.add(at + ".cluster", "lists cluster '" + d.cluster() + "' more than once");
            }
            v.positiveAtMost(at + ".rps", d.rps(), PlanningBounds.MAX_RPS);
        }
        AnalysisKnobs analysis = AnalysisRules.normalize(v, spec.analysis());
        DeploymentSpec.DisruptionBudget budget = BudgetRules.normalize(v, spec.disruptionBudget());
        v.throwIfAny();
        return new DeploymentSpec(name, spec.model(), spec.version(), new DeploymentSpec.Slo(slo.p99LatencyMs(),
                slo.minAccuracy(), slo.minReplicas() == null ? DEFAULT_MIN_REPLICAS : slo.minReplicas(),
                slo.headroom() == null ? DEFAULT_HEADROOM : slo.headroom()), List.copyOf(demand),
                spec.demandSource() == null ? DemandSource.DECLARED : spec.demandSource(),
                AnalysisMapper.spec(analysis), spec.autoRollout() == null ? AutoRollout.NEVER : spec.autoRollout(),
                budget, spec.allowEstimated());
    }
}
