package io.modelfleet.rollout.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.modelfleet.rollout.RolloutTarget;
import io.modelfleet.rollout.kube.Manifests;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory target for the engine's plain unit tests: objects by kind/namespace/name, a generation that moves when
 * a Deployment's spec changes, and a Deployment status the test sets (or {@link #settle()} makes all-ready). Every
 * write is logged, so tests assert the order of what the engine did; failures can be queued per call.
 */
final class FakeTarget implements RolloutTarget {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Map<String, HasMetadata> objects = new TreeMap<>();
    private final Map<String, Long> generations = new HashMap<>();
    private final Map<String, WorkloadStatus> statuses = new HashMap<>();
    private final List<String> writes = new ArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    private final boolean observable;

    FakeTarget(boolean observable) {
        this.observable = observable;
    }

    /** The next calls (any kind) throw these, in order. */
    FakeTarget failNext(RuntimeException... errors) {
        failures.addAll(List.of(errors));
        return this;
    }

    private String crashOnDeleteOf;

    /** The next delete of this object (kind/namespace/name) throws instead, as a process killed right there. */
    FakeTarget crashOnDeleteOf(String key) {
        crashOnDeleteOf = key;
        return this;
    }

    List<String> writes() {
        return List.copyOf(writes);
    }

    void put(HasMetadata object) {
        objects.put(Manifests.key(object), SERIALIZATION.clone(object));
        if (object instanceof Deployment) {
            generations.merge(Manifests.key(object), 1L, Long::sum);
        }
    }

    Optional<HasMetadata> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    /** Every Deployment has observed its generation and has all replicas updated and available. */
    void settle() {
        for (var e : objects.entrySet()) {
            if (e.getValue() instanceof Deployment d) {
                int replicas = Manifests.replicas(d);
                long generation = generations.get(e.getKey());
                statuses.put(e.getKey(), new WorkloadStatus(generation, generation, replicas, replicas, replicas, replicas));
            }
        }
    }

    void status(String namespace, String name, int replicas, int available, int updated) {
        String key = "Deployment/" + namespace + "/" + name;
        long generation = generations.getOrDefault(key, 0L);
        statuses.put(key, new WorkloadStatus(generation, generation, replicas, available, updated, replicas));
    }

    private void maybeFail() {
        RuntimeException next = failures.poll();
        if (next != null) {
            throw next;
        }
    }

    @Override
    public Applied apply(HasMetadata object) {
        maybeFail();
        String key = Manifests.key(object);
        HasMetadata before = objects.get(key);
        ApplyResult result;
        if (before == null) {
            result = ApplyResult.CREATED;
        } else if (Objects.equals(SERIALIZATION.asYaml(strip(before)), SERIALIZATION.asYaml(strip(object)))) {
            result = ApplyResult.UNCHANGED;
        } else {
            result = ApplyResult.PATCHED;
        }
        if (result != ApplyResult.UNCHANGED) {
            objects.put(key, SERIALIZATION.clone(object));
            if (object instanceof Deployment) {
                generations.merge(key, 1L, Long::sum);
            }
        }
        String replicas = object instanceof Deployment d ? " replicas=" + Manifests.replicas(d) : "";
        writes.add("apply " + key + replicas + " " + result);
        return new Applied(result, generations.getOrDefault(key, 0L));
    }

    private static HasMetadata strip(HasMetadata o) {
        return Manifests.restorable(o);
    }

    @Override
    public Optional<HasMetadata> read(HasMetadata object) {
        maybeFail();
        return Optional.ofNullable(objects.get(Manifests.key(object))).map(SERIALIZATION::clone);
    }

    @Override
    public ApplyResult delete(HasMetadata object) {
        maybeFail();
        String key = Manifests.key(object);
        if (key.equals(crashOnDeleteOf)) {
            crashOnDeleteOf = null;
            throw new IllegalStateException("killed before deleting " + key);
        }
        boolean existed = objects.remove(key) != null;
        statuses.remove(key);
        writes.add("delete " + key + (existed ? "" : " ABSENT"));
        return existed ? ApplyResult.DELETED : ApplyResult.ABSENT;
    }

    @Override
    public Optional<WorkloadStatus> status(String namespace, String name) {
        maybeFail();
        String key = "Deployment/" + namespace + "/" + name;
        if (!objects.containsKey(key)) {
            return Optional.empty();
        }
        WorkloadStatus s = statuses.getOrDefault(key, new WorkloadStatus(generations.get(key), 0, 0, 0, 0, 0));
        return Optional.of(new WorkloadStatus(s.generation(), s.observedGeneration(), s.replicas(),
                s.availableReplicas(), s.updatedReplicas(), Manifests.replicas((Deployment) objects.get(key))));
    }

    @Override
    public List<String> workloadsOf(String namespace, String deployment) {
        maybeFail();
        return objects.values().stream().filter(o -> o instanceof Deployment
                && namespace.equals(o.getMetadata().getNamespace()) && o.getMetadata().getLabels() != null
                && deployment.equals(o.getMetadata().getLabels().get("modelfleet.io/deployment"))
                && "modelfleet".equals(o.getMetadata().getLabels().get("app.kubernetes.io/managed-by")))
                .map(o -> o.getMetadata().getName()).sorted().toList();
    }

    @Override
    public boolean observable() {
        return observable;
    }
}
