package io.modelfleet.rollout.mock;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One ReplicaSet of a Deployment: a pod template (identified by its hash), its pods, and the two annotations the
 * Deployment controller stamps on every ReplicaSet it scales (the Deployment's replicas and replicas + maxSurge at
 * that time), which drive scaling-event detection and proportional scaling.
 */
final class SimulatedReplicaSet {

    /** Scale-down victims, as the ReplicaSet controller ranks them: unready first, then the most recently ready/created. */
    private static final Comparator<SimulatedPod> DELETE_FIRST = Comparator.comparing(SimulatedPod::ready)
            .thenComparing(Comparator.comparingInt(SimulatedPod::readySincePass).reversed())
            .thenComparing(Comparator.comparingLong((SimulatedPod p) -> p.sequence).reversed());

    final String hash;
    final PodTemplateSpec template;
    final long createdOrder;
    final List<SimulatedPod> pods = new ArrayList<>();
    int desiredAnnotation;
    int maxAnnotation;

    SimulatedReplicaSet(String hash, PodTemplateSpec template, long createdOrder) {
        this.hash = hash;
        this.template = template;
        this.createdOrder = createdOrder;
    }

    int replicas() {
        return pods.size();
    }

    int available() {
        return (int) pods.stream().filter(SimulatedPod::ready).count();
    }

    /** Creates pods, or deletes unready pods first and then the newest; returns whether the size changed. */
    boolean scaleTo(int target, Supplier<SimulatedPod> newPod) {
        int before = pods.size();
        while (pods.size() < target) {
            pods.add(newPod.get());
        }
        if (pods.size() > target) {
            List<SimulatedPod> victims = pods.stream().sorted(DELETE_FIRST).limit(pods.size() - target).toList();
            pods.removeAll(victims);
        }
        return pods.size() != before;
    }

    String image() {
        List<Container> containers = template.getSpec() == null ? List.of() : template.getSpec().getContainers();
        return containers.isEmpty() ? "" : containers.get(0).getImage();
    }

    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        List<Container> containers = template.getSpec() == null ? List.of() : template.getSpec().getContainers();
        if (!containers.isEmpty() && containers.get(0).getEnv() != null) {
            for (EnvVar e : containers.get(0).getEnv()) {
                if (e.getValue() != null) {
                    env.put(e.getName(), e.getValue());
                }
            }
        }
        return env;
    }
}
