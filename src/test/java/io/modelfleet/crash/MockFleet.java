package io.modelfleet.crash;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.rollout.mock.MockCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One Fabric8 mock API server in the harness JVM standing in for every cluster of a cell (clusters are told apart
 * by namespace), the controller loop that plays Kubernetes' Deployment controller every {@value #PASS_MILLIS} ms,
 * and the capacity sampler that checks invariant 3 after every controller pass — also while the control plane is
 * dead, since pods keep serving then too.
 */
final class MockFleet implements AutoCloseable {

    static final long PASS_MILLIS = 50;
    /** Held so the level sticks: the mock server logs every request at INFO, thousands per cell. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger
            .getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final MockCluster cluster = new MockCluster();
    private final ScheduledExecutorService controller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crash-matrix-controller");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Double> throughputByVariant = new ConcurrentHashMap<>();
    private volatile CapacityWatch watch;
    private volatile String controllerError;

    MockFleet() {
        cluster.gradual(true);
        controller.scheduleWithFixedDelay(this::pass, PASS_MILLIS, PASS_MILLIS, TimeUnit.MILLISECONDS);
    }

    KubernetesClient client() {
        return cluster.client();
    }

    /** Copies of every object the cell's rollouts can touch, with their status, to start another cell from. */
    List<HasMetadata> snapshot() {
        List<HasMetadata> objects = new ArrayList<>();
        for (String ns : Fleet.namespaces()) {
            objects.addAll(client().apps().deployments().inNamespace(ns).list().getItems());
            objects.addAll(client().apps().replicaSets().inNamespace(ns).list().getItems());
            objects.addAll(client().pods().inNamespace(ns).list().getItems());
            objects.addAll(client().services().inNamespace(ns).list().getItems());
            objects.addAll(client().policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems());
        }
        return objects;
    }

    /**
     * Creates the snapshot's objects here as they were (generation included) but without status: the controller
     * brings their pods up from nothing, so no copied status can claim pods that do not exist.
     */
    void seed(List<HasMetadata> objects) {
        for (HasMetadata o : objects) {
            HasMetadata copy = io.fabric8.kubernetes.client.utils.Serialization.clone(o);
            copy.getMetadata().setResourceVersion(null);
            copy.getMetadata().setUid(null);
            if (copy instanceof Deployment d) {
                d.setStatus(null);
            }
            client().resource(copy).create();
        }
    }

    /** A broken image's pods never become ready; the mock stalls the namespace the workload runs in. */
    void breakNamespace(String namespace) {
        cluster.stall(namespace);
    }

    void throughput(String variantId, double rps) {
        throughputByVariant.put(variantId, rps);
    }

    Map<String, Double> throughputs() {
        return Map.copyOf(throughputByVariant);
    }

    /** Starts checking invariant 3 for these (namespace, deployment) needs after every pass. */
    CapacityWatch watch(Map<Need, Double> needs) {
        CapacityWatch w = new CapacityWatch(needs);
        watch = w;
        return w;
    }

    void stopWatching() {
        watch = null;
    }

    /** One kubeconfig context per cluster, every one pointing at this server. */
    Path writeKubeconfig(Path file, List<String> contexts) {
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n"
                + "    server: " + cluster.client().getMasterUrl() + "\n    insecure-skip-tls-verify: true\n"
                + "users:\n- name: harness\n  user:\n    token: crash-matrix-dummy-token\ncontexts:\n");
        for (String context : contexts) {
            y.append("- name: ").append(context).append("\n  context:\n    cluster: mock\n    user: harness\n");
        }
        y.append("current-context: ").append(contexts.get(0)).append('\n');
        try {
            Files.writeString(file, y.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    /** What the rollout leaves in a namespace: each Deployment's replicas and image, Services and PDBs by name. */
    List<String> objects(String namespace) {
        List<String> out = new ArrayList<>();
        client().apps().deployments().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(d -> d.getMetadata().getName()))
                .forEach(d -> out.add("Deployment " + d.getMetadata().getName() + " replicas=" + d.getSpec().getReplicas()
                        + " image=" + d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));
        names("Service", client().services().inNamespace(namespace).list().getItems(), out);
        names("PodDisruptionBudget", client().policy().v1().podDisruptionBudget().inNamespace(namespace).list()
                .getItems(), out);
        return out;
    }

    private static void names(String kind, List<? extends HasMetadata> items, List<String> out) {
        items.stream().map(o -> kind + " " + o.getMetadata().getName()).sorted().forEach(out::add);
    }

    /** Available replicas x per-replica throughput of the variant they run, over a deployment's workloads. */
    double capacity(String namespace, String deployment) {
        double rps = 0;
        for (Deployment d : client().apps().deployments().inNamespace(namespace)
                .withLabel("modelfleet.io/deployment", deployment).list().getItems()) {
            int available = d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0
                    : d.getStatus().getAvailableReplicas();
            String variant = d.getSpec().getTemplate().getMetadata().getLabels().get("modelfleet.io/variant");
            rps += available * throughputByVariant.getOrDefault(variant, 0.0);
        }
        return rps;
    }

    /** Whether every Deployment has as many available replicas as it asks for (the mock has settled). */
    boolean settled(List<String> namespaces) {
        for (String ns : namespaces) {
            for (Deployment d : client().apps().deployments().inNamespace(ns).list().getItems()) {
                int available = d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0
                        : d.getStatus().getAvailableReplicas();
                if (available != d.getSpec().getReplicas()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The last error the controller loop met, if any (a pass that fails is retried on the next one). */
    String controllerError() {
        return controllerError;
    }

    private void pass() {
        try {
            cluster.reconcile();
            CapacityWatch w = watch;
            if (w != null) {
                w.sample(this);
            }
        } catch (RuntimeException e) {
            // Status writes race the control plane's applies (409); the next pass reads again.
            controllerError = e.toString();
        }
    }

    @Override
    public void close() {
        controller.shutdownNow();
        try {
            controller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cluster.close();
    }

    /** Demand x (1 + headroom) of one deployment in one cluster's namespace. */
    record Need(String namespace, String deployment) {
    }

    /** The lowest capacity / need seen for each need since the watch began, and every dip below it. */
    static final class CapacityWatch {
        private final Map<Need, Double> needs;
        private final Map<Need, Double> lowest = new TreeMap<>(Comparator.comparing(Need::namespace)
                .thenComparing(Need::deployment));
        private final List<String> dips = new ArrayList<>();
        private int samples;

        CapacityWatch(Map<Need, Double> needs) {
            this.needs = Map.copyOf(needs);
        }

        synchronized void sample(MockFleet fleet) {
            samples++;
            for (Map.Entry<Need, Double> e : needs.entrySet()) {
                double capacity = fleet.capacity(e.getKey().namespace(), e.getKey().deployment());
                lowest.merge(e.getKey(), capacity, Math::min);
                if (capacity < e.getValue() && dips.size() < 20) {
                    dips.add(e.getKey().namespace() + "/" + e.getKey().deployment() + " " + capacity + " < "
                            + e.getValue() + " at sample " + samples);
                }
            }
        }

        synchronized int samples() {
            return samples;
        }

        synchronized List<String> dips() {
            return List.copyOf(dips);
        }

        /** The need whose lowest capacity came closest to (or furthest under) what it needs, as "min / need". */
        synchronized String tightest() {
            Need worst = null;
            double ratio = Double.MAX_VALUE;
            for (Map.Entry<Need, Double> e : lowest.entrySet()) {
                double r = e.getValue() / needs.get(e.getKey());
                if (r < ratio) {
                    ratio = r;
                    worst = e.getKey();
                }
            }
            return worst == null ? "no samples" : String.format("%.0f / %.0f", lowest.get(worst), needs.get(worst));
        }
    }
}
