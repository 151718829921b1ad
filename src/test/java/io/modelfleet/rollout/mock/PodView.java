package io.modelfleet.rollout.mock;

import java.util.Map;

/**
 * A pod of a Deployment as a capacity assertion needs it: mid-rollout one Deployment runs two templates, and an
 * old pod serves with the old variant's throughput, so each pod carries its template's hash, image and the first
 * container's plain environment values (MODEL_VARIANT_ID, MODEL_PRECISION, ...).
 */
public record PodView(String namespace, String workload, String name, String templateHash, String image,
        Map<String, String> env, boolean available, int createdPass) {

    /** The first container's value of {@code name}, or null. */
    public String env(String name) {
        return env.get(name);
    }
}
