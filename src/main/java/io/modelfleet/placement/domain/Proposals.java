package io.modelfleet.placement.domain;

import io.modelfleet.planning.Choice;
import io.modelfleet.planning.Evaluation;
import io.modelfleet.planning.PairOutcome;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Running;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * From one evaluation to one proposal per deployment worth making (design 006, I4, I5). Only what runs is
 * considered: a pair nothing runs on has never been rolled out and is nobody's recommendation. A deployment is
 * proposed only when every unit it is in was solved to optimality, and every running pair of it can be placed.
 *
 * <p>Current cost: keeping what runs at today's prices ({@link PairOutcome#kept()}), scaled to the replicas that
 * really run when today's demand needs another count, so a scale-down's saving shows. Pairs that do not change
 * count at their current cost on both sides, so packing noise in unchanged pairs is no saving.
 */
public final class Proposals {

    /** Score of a proposal that takes nothing down (a pure scale-up never saves; kept finite for the API). */
    static final double UNDISRUPTED_SCORE = 100;

    private Proposals() {
    }

    public static List<Proposal> of(Evaluation evaluation, CatalogSnapshot now,
            BiFunction<String, String, CatalogSnapshot> then, Thresholds t) {
        Map<String, Running> running = new HashMap<>();
        now.running().forEach(r -> running.put(r.deployment() + "\n" + r.cluster(), r));
        Map<String, List<PairOutcome>> byDeployment = new TreeMap<>();
        evaluation.pairs().forEach(o -> byDeployment.computeIfAbsent(o.deployment(), k -> new ArrayList<>()).add(o));
        List<Proposal> out = new ArrayList<>();
        byDeployment.forEach((deployment, pairs) -> proposal(deployment, pairs, running, now, then, t)
                .ifPresent(out::add));
        return out;
    }

    private static java.util.Optional<Proposal> proposal(String deployment, List<PairOutcome> pairs,
            Map<String, Running> running, CatalogSnapshot now, BiFunction<String, String, CatalogSnapshot> then,
            Thresholds t) {
        List<ClusterChange> changes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        double current = 0;
        double proposed = 0;
        // What the move itself saves, like for like (I5): a switch against keeping at today's demand, a scale
        // against what runs. A scale-down's saving must not carry a switch that saves little on its own.
        double likeForLike = 0;
        int replicasRunning = 0;
        boolean urgent = false;
        for (PairOutcome o : pairs) {
            Running r = running.get(o.deployment() + "\n" + o.cluster());
            if (r == null) {
                continue;
            }
            if (!o.optimal() || o.proposed() == null) {
                return java.util.Optional.empty();
            }
            Choice from = RunningPrices.from(o, r, now);
            replicasRunning += r.replicas();
            current += from.hourlyCostUsd();
            ClusterChange change = new ClusterChange(o.cluster(), from, o.proposed());
            boolean changed = change.switchesWorkload() || from.batchSize() != o.proposed().batchSize()
                    || from.replicas() != o.proposed().replicas();
            if (!changed) {
                proposed += from.hourlyCostUsd();
                continue;
            }
            proposed += o.proposed().hourlyCostUsd();
            changes.add(change);
            boolean scaleOnly = !change.switchesWorkload() && from.batchSize() == o.proposed().batchSize();
            likeForLike += (scaleOnly || o.kept() == null ? from.hourlyCostUsd() : o.kept().hourlyCostUsd())
                    - o.proposed().hourlyCostUsd();
            if (o.keepInfeasible() != null) {
                urgent = true;
                reasons.add("what runs on " + o.cluster() + " cannot be kept: " + o.keepInfeasible());
            } else if (overloaded(o, r, now)) {
                urgent = true;
                reasons.add("what runs on " + o.cluster() + " no longer serves today's demand: " + r.replicas()
                        + " replicas x " + Reasons.num(o.kept().throughputRpsPerReplica()) + " rps < "
                        + Reasons.num(demand(now, deployment, o.cluster())) + " rps");
            }
            reasons.addAll(Reasons.of(deployment, change, now, then.apply(deployment, o.cluster())));
        }
        if (changes.isEmpty()) {
            return java.util.Optional.empty();
        }
        double savings = money(current - proposed);
        double fraction = current > 0 ? savings / current : 0;
        double moveFraction = current > 0 ? likeForLike / current : 0;
        Disruption disruption = new Disruption(changes.stream().mapToInt(ClusterChange::replicasDisrupted).sum(),
                (int) changes.stream().filter(ClusterChange::switchesHardware).count(), changes.size(),
                replicasRunning);
        double score = disruption.fraction() == 0 ? (moveFraction > 0 ? UNDISRUPTED_SCORE : 0)
                : Math.min(UNDISRUPTED_SCORE, Math.max(0, moveFraction) / disruption.fraction());
        boolean worth = likeForLike >= Math.max(t.minSavingsUsdPerHour(), t.minSavingsFraction() * current)
                && likeForLike > 0 && score >= t.minScore();
        if (!worth && !urgent) {
            return java.util.Optional.empty();
        }
        if (reasons.isEmpty()) {
            reasons.add("re-planning the fleet found a cheaper placement than what runs");
        }
        return java.util.Optional.of(new Proposal(deployment, Fingerprints.target(deployment, changes),
                Fingerprints.inputs(deployment, now), changes, money(current), money(proposed), savings,
                round4(fraction), disruption, round4(score), urgent, reasons.stream().distinct().toList()));
    }

    /**
     * Deployments this evaluation could not decide (a unit it is in was not solved to optimality): their
     * recommendations are left as they are rather than superseded, so a slow evaluation does not reset windows.
     */
    public static java.util.Set<String> undecided(Evaluation evaluation, CatalogSnapshot now) {
        java.util.Set<String> running = new java.util.HashSet<>();
        now.running().forEach(r -> running.add(r.deployment() + "\n" + r.cluster()));
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (PairOutcome o : evaluation.pairs()) {
            if (!o.optimal() && running.contains(o.deployment() + "\n" + o.cluster())) {
                out.add(o.deployment());
            }
        }
        return out;
    }

    /**
     * What runs cannot serve today's demand even without the SLO's headroom: urgent. A shortfall within the headroom
     * waits for the window like any change, so noisy observed demand does not open a recommendation each time.
     */
    private static boolean overloaded(PairOutcome o, Running r, CatalogSnapshot now) {
        return o.kept() != null && o.kept().replicas() > r.replicas()
                && r.replicas() * o.kept().throughputRpsPerReplica() < demand(now, o.deployment(), o.cluster());
    }

    private static double demand(CatalogSnapshot now, String deployment, String cluster) {
        return now.deployments().stream().filter(d -> d.name().equals(deployment))
                .flatMap(d -> d.demand().stream()).filter(x -> x.cluster().equals(cluster))
                .mapToDouble(io.modelfleet.planning.snapshot.Deployment.Demand::rps).findFirst().orElse(0);
    }

    static double money(double usd) {
        return Math.round(usd * 1_000_000) / 1_000_000.0;
    }

    static double round4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
