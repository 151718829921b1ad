package io.modelfleet.placement.domain;

import java.util.List;

/**
 * What one evaluation proposes for one deployment, with the numbers a person decides on. {@code fingerprint}
 * identifies the target (the workload on every changed cluster, not its replica count: demand noise must not reset
 * the stabilization window); {@code inputsDigest} the inputs it was computed from (design 006, I8). {@code urgent}
 * proposals (what runs cannot be kept, or no longer serves today's demand) skip thresholds and window.
 */
public record Proposal(String deployment, String fingerprint, String inputsDigest, List<ClusterChange> changes,
        double currentUsdPerHour, double proposedUsdPerHour, double savingsUsdPerHour, double savingsFraction,
        Disruption disruption, double score, boolean urgent, List<String> reasons) {

    public Proposal {
        changes = List.copyOf(changes);
        reasons = List.copyOf(reasons);
    }
}
