package io.modelfleet.placement.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one evaluation's proposals into writes (design 006, I4, I7, I8). A deployment has at most one active
 * (PENDING or OPEN) recommendation. The same proposal seen again advances it, and it opens once it was made by
 * {@code stabilizationEvaluations} consecutive evaluations spanning at least {@code stabilizationWindow}; another
 * proposal, or none, supersedes it. A proposal equal to a DISMISSED one with the same inputs, or to an ACCEPTED one
 * whose rollout has not failed, is not made again. Pure and deterministic: deployments in name order.
 */
public final class Stabilizer {

    private Stabilizer() {
    }

    /**
     * {@code tracked}: the active recommendations, the DISMISSED ones, and the ACCEPTED ones whose rollout did not
     * fail. Proposals are those of one evaluation (at most one per deployment).
     */
    public static List<Step> next(List<Tracked> tracked, List<Proposal> proposals, Instant now, Thresholds t) {
        return next(tracked, proposals, Set.of(), now, t);
    }

    /**
     * As above; the active recommendations of {@code undecided} deployments (the evaluation could not decide them,
     * {@link Proposals#undecided}) are left as they are: neither advanced nor superseded.
     */
    public static List<Step> next(List<Tracked> tracked, List<Proposal> proposals, Set<String> undecided, Instant now,
            Thresholds t) {
        Map<String, Tracked> active = new HashMap<>();
        for (Tracked r : tracked) {
            if (r.status().active()) {
                active.merge(r.deployment(), r, (a, b) -> a.firstSeen().isAfter(b.firstSeen()) ? a : b);
            }
        }
        List<Step> steps = new ArrayList<>();
        Set<String> proposed = proposals.stream().map(Proposal::deployment).collect(Collectors.toSet());
        for (Proposal p : proposals.stream().sorted(java.util.Comparator.comparing(Proposal::deployment)).toList()) {
            Tracked current = active.get(p.deployment());
            if (suppressed(tracked, p)) {
                if (current != null) {
                    steps.add(new Step.Supersede(current.id(), "the same placement was decided on already"));
                }
                continue;
            }
            if (current != null && current.fingerprint().equals(p.fingerprint())) {
                int consecutive = current.consecutive() + 1;
                boolean open = current.status() == RecommendationStatus.OPEN || p.urgent()
                        || stable(consecutive, current.firstSeen(), now, t);
                steps.add(new Step.Advance(current.id(), p, consecutive, open ? RecommendationStatus.OPEN
                        : RecommendationStatus.PENDING));
                continue;
            }
            if (current != null) {
                steps.add(new Step.Supersede(current.id(), "a later evaluation proposes another placement"));
            }
            boolean open = p.urgent() || stable(1, now, now, t);
            steps.add(new Step.Create(p, open ? RecommendationStatus.OPEN : RecommendationStatus.PENDING));
        }
        active.values().stream().filter(r -> !proposed.contains(r.deployment()) && !undecided.contains(r.deployment()))
                .sorted(java.util.Comparator.comparing(Tracked::deployment))
                .forEach(r -> steps.add(new Step.Supersede(r.id(), "the latest evaluation no longer finds a move worth"
                        + " making: the savings fell below the thresholds or what runs is the best placement")));
        return steps;
    }

    private static boolean stable(int consecutive, Instant firstSeen, Instant now, Thresholds t) {
        return consecutive >= t.stabilizationEvaluations()
                && Duration.between(firstSeen, now).compareTo(t.stabilizationWindow()) >= 0;
    }

    /** Dismissed with the same inputs (I8), or accepted with a rollout that has not failed (I7). */
    private static boolean suppressed(List<Tracked> tracked, Proposal p) {
        return tracked.stream().anyMatch(r -> r.deployment().equals(p.deployment())
                && r.fingerprint().equals(p.fingerprint())
                && (r.status() == RecommendationStatus.ACCEPTED
                        || r.status() == RecommendationStatus.DISMISSED && r.inputsDigest().equals(p.inputsDigest())));
    }
}
