package io.modelfleet.rollout.mock;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Deployment controller of the test cluster, in plain Java and driven by passes instead of a clock: each
 * {@link #pass(List)} is one moment. A pass makes due pods ready, syncs every Deployment once (see
 * {@link SimulatedDeployment}), makes pods ready that are due at once (ready delay 0), and returns each
 * Deployment's status. A pod created at pass N is ready from pass N + readyDelay on, unless its image is broken or
 * its namespace is stalled, and then never. Deployments missing from a pass are gone, and so are their pods.
 *
 * <p>Not modelled: minReadySeconds (available = ready), progress deadlines and conditions, revision history,
 * terminating pods (a removed pod is gone at once), scheduling (every pod is placed).
 */
public final class DeploymentController {

    private final Map<String, SimulatedDeployment> deployments = new LinkedHashMap<>();
    private final Set<String> stalledNamespaces = new HashSet<>();
    private final List<String> brokenImages = new ArrayList<>();
    private int readyDelay;
    private int pass;
    private long podSequence;

    /** Pods created from now on become ready this many passes after the pass that created them. */
    public DeploymentController readyDelay(int passes) {
        if (passes < 0) {
            throw new IllegalArgumentException("readyDelay must be at least 0 passes, was " + passes);
        }
        this.readyDelay = passes;
        return this;
    }

    /** Pods whose first container's image contains {@code imageSubstring} never become ready. */
    public DeploymentController breakImage(String imageSubstring) {
        brokenImages.add(imageSubstring);
        return this;
    }

    /** Pods of {@code namespace} not ready yet never become ready; ready ones stay ready. */
    public DeploymentController stall(String namespace) {
        stalledNamespaces.add(namespace);
        return this;
    }

    /** How many passes have run. */
    public int passes() {
        return pass;
    }

    /** One controller pass over {@code all}; returns the status each of them has after it, in the same order. */
    public synchronized List<DeploymentStatus> pass(List<Deployment> all) {
        pass++;
        Map<String, SimulatedDeployment> seen = new LinkedHashMap<>();
        for (Deployment d : all) {
            String key = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
            SimulatedDeployment state = deployments.get(key);
            if (state == null || !Objects.equals(state.uid, d.getMetadata().getUid())) {
                state = new SimulatedDeployment(d.getMetadata().getNamespace(), d.getMetadata().getName(),
                        d.getMetadata().getUid());
            }
            seen.put(key, state);
        }
        deployments.clear();
        deployments.putAll(seen);
        makeDuePodsReady();
        for (Deployment d : all) {
            state(d).sync(d, rs -> podFor(state(d), rs));
        }
        makeDuePodsReady();
        return all.stream().map(d -> state(d).status(d)).toList();
    }

    /** Every pod of {@code namespace}, per Deployment in the order they were first seen, oldest ReplicaSet first. */
    public synchronized List<PodView> pods(String namespace) {
        List<PodView> out = new ArrayList<>();
        for (SimulatedDeployment d : deployments.values()) {
            if (!d.namespace.equals(namespace)) {
                continue;
            }
            for (SimulatedReplicaSet rs : d.replicaSets()) {
                for (SimulatedPod p : rs.pods) {
                    out.add(new PodView(d.namespace, d.name, p.name, rs.hash, rs.image(), rs.env(), p.ready(),
                            p.createdPass));
                }
            }
        }
        return out;
    }

    private SimulatedDeployment state(Deployment d) {
        return deployments.get(d.getMetadata().getNamespace() + "/" + d.getMetadata().getName());
    }

    private Supplier<SimulatedPod> podFor(SimulatedDeployment d, SimulatedReplicaSet rs) {
        return () -> {
            long n = podSequence++;
            return new SimulatedPod(d.name + "-" + rs.hash + "-" + n, n, pass, pass + readyDelay);
        };
    }

    private void makeDuePodsReady() {
        for (SimulatedDeployment d : deployments.values()) {
            if (stalledNamespaces.contains(d.namespace)) {
                continue;
            }
            for (SimulatedReplicaSet rs : d.replicaSets()) {
                if (brokenImages.stream().anyMatch(rs.image()::contains)) {
                    continue;
                }
                rs.pods.stream().filter(p -> !p.ready() && p.readyAtPass <= pass).forEach(p -> p.becomeReady(pass));
            }
        }
    }
}
