package io.modelfleet.profiling.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelfleet.api.ProblemException;
import io.modelfleet.plans.PlanService;
import io.modelfleet.profiling.dto.PlanProfilingRequest;
import io.modelfleet.profiling.dto.PlanProfilingStarted;
import io.modelfleet.profiling.dto.ProfilingRunRequest;
import io.modelfleet.profiling.dto.ProfilingRunView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One call that profiles what a plan suggests (design 007, B7): every distinct (variant, hardware, cluster) of the
 * plan's {@code profilingSuggestions} becomes a profiling run on that cluster, measuring batch size 1 and the
 * suggested one unless told otherwise. The request is checked once before any run is created; a suggestion that
 * cannot start now (a run of it is already active, its pool is gone) is listed with the reason, and the others
 * still start.
 */
@ApplicationScoped
public class PlanProfiling {

    private final PlanService plans;
    private final ProfilingRuns runs;
    private final Pool pool;

    public PlanProfiling(PlanService plans, ProfilingRuns runs, Pool pool) {
        this.plans = plans;
        this.runs = runs;
        this.pool = pool;
    }

    /** A suggestion reduced to what a run needs. */
    private record Target(String variantId, String hardware, String cluster, TreeSet<Integer> batchSizes) {
    }

    public Uni<PlanProfilingStarted> start(UUID planId, PlanProfilingRequest raw, String by) {
        PlanProfilingRequest request = raw == null ? new PlanProfilingRequest(null, null, null, null, null) : raw;
        // The rules of a variant's run, checked once with a stand-in hardware name: a bad body fails before any run.
        ProfilingRequestRules.normalize(runRequest(request, "placeholder", null, List.of(1)));
        return plans.get(planId).chain(plan -> {
            String status = plan.path("status").asText();
            if ("RUNNING".equals(status) || "FAILED".equals(status)) {
                throw ProblemException.conflict("plan " + planId + " is " + status + ": it has no suggestions");
            }
            List<Target> targets = targets(plan.path("profilingSuggestions"));
            return models(targets).chain(models -> Multi.createFrom().iterable(targets).onItem()
                    .transformToUniAndConcatenate(t -> start(t, models.get(t.variantId()), request, by))
                    .collect().asList()).map(outcomes -> {
                        List<ProfilingRunView> started = new ArrayList<>();
                        List<PlanProfilingStarted.Skipped> skipped = new ArrayList<>();
                        outcomes.forEach(o -> {
                            if (o.skipped() != null) {
                                skipped.add(o.skipped());
                            } else {
                                started.addAll(o.runs());
                            }
                        });
                        return new PlanProfilingStarted(planId, List.copyOf(started), List.copyOf(skipped));
                    });
        });
    }

    private record Outcome(List<ProfilingRunView> runs, PlanProfilingStarted.Skipped skipped) {
    }

    private Uni<Outcome> start(Target t, String model, PlanProfilingRequest request, String by) {
        if (model == null) {
            return Uni.createFrom().item(new Outcome(null, new PlanProfilingStarted.Skipped(t.variantId(),
                    t.hardware(), t.cluster(), "the variant no longer exists")));
        }
        List<Integer> batches = request.batchSizes() != null ? request.batchSizes() : List.copyOf(t.batchSizes());
        return runs.create(model, UUID.fromString(t.variantId()), runRequest(request, t.hardware(), t.cluster(),
                batches), by).map(created -> new Outcome(created.runs(), null))
                // The body was checked before any run was created; what fails now is this suggestion's (its cluster
                // went, its pool cannot hold the replica, a run of it is active), so it is skipped, never a 4xx
                // after other runs were committed.
                .onFailure(ProblemException.class).recoverWithItem(e -> {
                    var problem = ((ProblemException) e).problem();
                    return new Outcome(null, new PlanProfilingStarted.Skipped(t.variantId(), t.hardware(),
                            t.cluster(), problem.detail()));
                });
    }

    private static ProfilingRunRequest runRequest(PlanProfilingRequest request, String hardware, String cluster,
            List<Integer> batchSizes) {
        return new ProfilingRunRequest(hardware, cluster, batchSizes, request.concurrencies(),
                request.durationSeconds(), request.timeoutSeconds(), null, null, null, request.input());
    }

    private static List<Target> targets(JsonNode suggestions) {
        Map<String, Target> byKey = new LinkedHashMap<>();
        for (JsonNode s : suggestions) {
            String key = s.path("variantId").asText() + "/" + s.path("hardware").asText() + "/"
                    + s.path("cluster").asText();
            byKey.computeIfAbsent(key, k -> new Target(s.path("variantId").asText(), s.path("hardware").asText(),
                    s.path("cluster").asText(), new TreeSet<>(List.of(1)))).batchSizes()
                    .add(s.path("batchSize").asInt(1));
        }
        return List.copyOf(byKey.values());
    }

    private Uni<Map<String, String>> models(List<Target> targets) {
        if (targets.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        UUID[] ids = targets.stream().map(t -> UUID.fromString(t.variantId())).distinct().toArray(UUID[]::new);
        return pool.preparedQuery("SELECT v.id, m.name FROM variant v JOIN model m ON m.id = v.model_id"
                + " WHERE v.id = ANY($1)").execute(Tuple.of(ids)).map(rows -> {
                    Map<String, String> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getUUID("id").toString(), r.getString("name"));
                    }
                    return out;
                });
    }
}
