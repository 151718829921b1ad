package io.modelfleet.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Violations;
import io.modelfleet.catalog.repository.VariantRepository;
import io.modelfleet.fleet.repository.DeploymentRepository;
import io.modelfleet.plans.PlanJson;
import io.modelfleet.plans.PlanRepository;
import io.modelfleet.plans.PlanRequest;
import io.modelfleet.plans.PlanService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * A rolling model upgrade, before anything is applied: plan the deployment at the new version (in the plan's
 * snapshot only) and show the diff against what runs now. Applying is then {@code POST /rollouts} with the
 * returned plan id, which also makes the new version the deployment's.
 */
@ApplicationScoped
public class UpgradeService {

    private final DeploymentRepository deployments;
    private final VariantRepository variants;
    private final PlanService plans;
    private final PlanRepository planRepository;
    private final RunningPlacements running;

    public UpgradeService(DeploymentRepository deployments, VariantRepository variants, PlanService plans,
            PlanRepository planRepository, RunningPlacements running) {
        this.deployments = deployments;
        this.variants = variants;
        this.plans = plans;
        this.planRepository = planRepository;
        this.running = running;
    }

    /** The request: the model version to move to, and optionally the planner's time limit. */
    public record UpgradeRequest(String version, Double timeLimitSeconds) {
    }

    /** The plan (as POST /plans returns it) and what it would change. */
    public record Upgrade(ObjectNode plan, PlanDiff diff) {
    }

    public Uni<Upgrade> upgrade(String deployment, UpgradeRequest request, String who) {
        Violations v = new Violations();
        if (request == null) {
            v.add("version", "is required").throwIfAny();
        }
        if (v.required("version", request.version())) {
            v.pattern("version", request.version(), 64, "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}",
                    "must be 1-64 letters, digits, '.', '_', '+' or '-', such as 1.0.0");
        }
        v.throwIfAny();
        return checkVersion(deployment, request.version())
                .chain(() -> plans.create(new PlanRequest(List.of(deployment), request.timeLimitSeconds()), who,
                        java.util.Map.of(deployment, request.version())))
                .chain(plan -> diff(UUID.fromString(plan.get("id").asText())).map(diff -> new Upgrade(plan, diff)));
    }

    /** The deployment exists and its model has variants of the version; nothing is written. */
    @WithSession
    Uni<Void> checkVersion(String name, String version) {
        return deployments.findByName(name).chain(d -> {
            if (d == null) {
                throw ProblemException.notFound("no deployment named '" + name + "'");
            }
            return variants.find("model.id = ?1 and version = ?2", d.model.id, version).count().map(count -> {
                if (count == 0) {
                    throw ProblemException.invalid("version", "model '" + d.model.name + "' has no variants of version "
                            + version + "; register them first");
                }
                return null;
            });
        });
    }

    @WithSession
    public Uni<PlanDiff> diff(UUID planId) {
        return planRepository.findById(planId).chain(plan -> {
            if (plan == null) {
                throw ProblemException.notFound("no plan " + planId);
            }
            if (!plan.status.finished()) {
                throw ProblemException.conflict(io.modelfleet.plans.PlanJobs.notFinished(plan));
            }
            var result = PlanJson.result(plan);
            List<String> names = result.placements().stream().map(p -> p.deployment()).distinct().toList();
            List<String> all = new java.util.ArrayList<>(names);
            result.unplaced().forEach(u -> all.add(u.deployment()));
            return running.of(all.isEmpty() ? List.of("") : all).map(r -> PlanDiff.of(plan.id, result, r));
        });
    }
}
