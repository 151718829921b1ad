package io.modelfleet.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Kubernetes taint effects, spelled as Kubernetes spells them. */
public enum TaintEffect {
    NO_SCHEDULE("NoSchedule"), PREFER_NO_SCHEDULE("PreferNoSchedule"), NO_EXECUTE("NoExecute");

    private final String kubernetesName;

    TaintEffect(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    @JsonValue
    public String kubernetesName() {
        return kubernetesName;
    }

    @Override
    public String toString() {
        return kubernetesName;
    }
}
