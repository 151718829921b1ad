package io.modelfleet.rollout;

import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.rollout.entity.RunningPlacement;
import io.modelfleet.rollout.kube.ObjectNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What applying a plan would change, per (deployment, cluster), against what runs now: the variant, precision,
 * hardware, replicas and cost on each side, and how the rollout would get there.
 */
@Schema(requiredProperties = {"planId", "changes", "currentHourlyCostUsd", "plannedHourlyCostUsd", "costDeltaUsd"})
public record PlanDiff(UUID planId, List<Change> changes, double currentHourlyCostUsd, double plannedHourlyCostUsd,
        double costDeltaUsd) {

    /**
     * NEW: nothing runs there yet. UNCHANGED. SCALE: same variant, other replica count. IN_PLACE: same hardware and
     * precision, new variant, rolled in place. SIDE_BY_SIDE: other hardware or precision, brought up beside the old
     * which is retired once the new serves the demand. UNPLACED: the plan cannot place it; what runs stays.
     */
    public enum Kind { NEW, UNCHANGED, SCALE, IN_PLACE, SIDE_BY_SIDE, UNPLACED }

    public record Side(String variantId, Precision precision, String hardware, String pool, int replicas,
            double hourlyCostUsd) {
    }


    @Schema(requiredProperties = {"deployment", "cluster", "change", "current", "planned", "costDeltaUsd"})
    public record Change(String deployment, String cluster, Kind change, @Schema(nullable = true) Side current,
            @Schema(nullable = true) Side planned,
            double costDeltaUsd) {
    }

    static PlanDiff of(UUID planId, PlanResult plan, List<RunningPlacement> running) {
        Map<String, RunningPlacement> now = new HashMap<>();
        running.forEach(r -> now.put(r.key.deployment() + "@" + r.key.cluster(), r));
        List<Change> changes = new ArrayList<>();
        double current = 0;
        double planned = 0;
        for (PlanResult.Placement p : plan.placements()) {
            RunningPlacement r = now.get(p.deployment() + "@" + p.cluster());
            Side before = r == null ? null : side(r);
            Side after = new Side(p.variantId(), p.precision(), p.hardware(), p.pool(), p.replicas(),
                    p.hourlyCostUsd());
            double was = before == null ? 0 : before.hourlyCostUsd();
            current += was;
            planned += p.hourlyCostUsd();
            changes.add(new Change(p.deployment(), p.cluster(), kind(before, after), before, after,
                    round(p.hourlyCostUsd() - was)));
        }
        for (PlanResult.Unplaced u : plan.unplaced()) {
            RunningPlacement r = now.get(u.deployment() + "@" + u.cluster());
            Side before = r == null ? null : side(r);
            double was = before == null ? 0 : before.hourlyCostUsd();
            current += was;
            planned += was;
            changes.add(new Change(u.deployment(), u.cluster(), Kind.UNPLACED, before, null, 0));
        }
        return new PlanDiff(planId, changes, round(current), round(planned), round(planned - current));
    }

    private static Kind kind(Side before, Side after) {
        if (before == null) {
            return Kind.NEW;
        }
        boolean sameWorkload = ObjectNames.workload("x", before.precision(), before.hardware())
                .equals(ObjectNames.workload("x", after.precision(), after.hardware()));
        if (!sameWorkload) {
            return Kind.SIDE_BY_SIDE;
        }
        if (!before.variantId().equals(after.variantId())) {
            return Kind.IN_PLACE;
        }
        return before.replicas() == after.replicas() ? Kind.UNCHANGED : Kind.SCALE;
    }

    private static Side side(RunningPlacement r) {
        return new Side(r.variantId, r.precision, r.hardware, r.pool, r.replicas, r.hourlyCostUsd);
    }

    private static double round(double usd) {
        return Math.round(usd * 1_000_000) / 1_000_000.0;
    }
}
