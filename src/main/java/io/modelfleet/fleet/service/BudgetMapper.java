package io.modelfleet.fleet.service;

import io.modelfleet.fleet.domain.PrometheusDuration;
import io.modelfleet.fleet.dto.DeploymentSpec;
import io.modelfleet.fleet.dto.DeploymentView;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;
import io.modelfleet.placement.domain.DisruptionBudget;
import io.modelfleet.placement.domain.MaintenanceWindow;

/** Entity ↔ DTO ↔ domain for {@code autoRollout} and the disruption budget ({@link FleetMapper} calls these). */
public final class BudgetMapper {

    private BudgetMapper() {
    }

    /** The deployment's budget as {@link io.modelfleet.placement.domain.BudgetGate} reads it. */
    public static DisruptionBudget budget(ModelDeploymentEntity e) {
        MaintenanceWindow window = e.maintenanceSchedule == null ? null
                : new MaintenanceWindow(e.maintenanceSchedule, PrometheusDuration.parse(e.maintenanceDuration)
                        .orElseThrow(() -> new IllegalStateException("deployment '" + e.name
                                + "' stores maintenance duration '" + e.maintenanceDuration + "'")));
        return new DisruptionBudget(e.autoRollout, e.maxDisruptedPercent, window);
    }

    static DeploymentSpec.DisruptionBudget spec(ModelDeploymentEntity e) {
        return new DeploymentSpec.DisruptionBudget(e.maxDisruptedPercent, e.maintenanceSchedule == null ? null
                : new DeploymentSpec.MaintenanceWindow(e.maintenanceSchedule, e.maintenanceDuration));
    }

    static DeploymentView.DisruptionBudget view(ModelDeploymentEntity e) {
        return new DeploymentView.DisruptionBudget(e.maxDisruptedPercent, e.maintenanceSchedule == null ? null
                : new DeploymentView.MaintenanceWindow(e.maintenanceSchedule, e.maintenanceDuration));
    }

    /** From a normalized spec ({@link BudgetRules} filled in every default). */
    static void apply(DeploymentSpec spec, ModelDeploymentEntity e) {
        e.autoRollout = spec.autoRollout();
        e.maxDisruptedPercent = spec.disruptionBudget().maxDisruptedPercent();
        DeploymentSpec.MaintenanceWindow window = spec.disruptionBudget().maintenanceWindow();
        e.maintenanceSchedule = window == null ? null : window.schedule();
        e.maintenanceDuration = window == null ? null : window.duration();
    }
}
