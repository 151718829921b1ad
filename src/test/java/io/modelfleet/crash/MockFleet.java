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
 * by namespace), the test Deployment controller ({@link MockCluster#reconcile()}: ReplicaSets, surge arithmetic,
 * pods ready {@value #READY_DELAY_PASSES} passes after they were created, the broken image's never) run every
 * {@value #PASS_MILLIS} ms, and the capacity sampler that checks invariant 3 after every controller pass — also
 * while the control plane is dead, since pods keep serving then too.
 */
final class MockFleet implements AutoCloseable {

    static final long PASS_MILLIS = 50;
    /**
     * 500 ms: half the engine's 1 s tick, so a pod the engine created is unready for ten samples (any old capacity
     * removed before it serves shows as a dip) and every healthy gate still passes at the tick after its apply.
     */
    static final int READY_DELAY_PASSES = 10;
    static final String VARIANT_ENV = "MODEL_VARIANT_ID";
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
    private final Map<String, Variant> variants = new ConcurrentHashMap<>();
    private volatile CapacityWatch watch;
    private volatile String controllerError;

    MockFleet() {
        cluster.readyDelay(READY_DELAY_PASSES);
        // Wherever the broken image runs (only the failing-gate scenario's v2 uses it), its pods never become ready.
        cluster.breakImage(Fleet.TRITON_BROKEN);
        controller.scheduleWithFixedDelay(this::pass, PASS_MILLIS, PASS_MILLIS, TimeUnit.MILLISECONDS);
    }

    KubernetesClient client() {
        return cluster.client();
    }

    /**
     * Copies of every object the cell's rollouts can touch, to start another cell from. ReplicaSets and pods are the
     * controller's own (in memory, not in the API server): a cell's controller makes them again from the Deployments.
     */
    List<HasMetadata> snapshot() {
        List<HasMetadata> objects = new ArrayList<>();
        for (String ns : Fleet.namespaces()) {
            objects.addAll(client().apps().deployments().inNamespace(ns).list().getItems());
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

    /** A variant registered for {@code deployment}, whose one replica serves {@code rps} (its benchmark). */
    void variant(String variantId, String deployment, double rps) {
        variants.put(variantId, new Variant(deployment, rps));
    }

    Map<String, Variant> variants() {
        return Map.copyOf(variants);
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

    /**
     * Empties the namespaces for the next cell: every object deleted, the controller's pods gone with their
     * Deployments, the request log forgotten. One server serves a whole run: starting one (and its first TLS
     * handshake) cost a cell seconds.
     */
    void reset() {
        stopWatching();
        for (String ns : Fleet.namespaces()) {
            List<HasMetadata> objects = new ArrayList<>();
            objects.addAll(client().apps().deployments().inNamespace(ns).list().getItems());
            objects.addAll(client().services().inNamespace(ns).list().getItems());
            objects.addAll(client().policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems());
            objects.forEach(o -> client().resource(o).delete());
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (Fleet.namespaces().stream().anyMatch(ns -> !cluster.pods(ns).isEmpty())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the test controller still runs pods 10 s after their Deployments"
                        + " were deleted: " + Fleet.namespaces().stream().map(cluster::pods).toList());
            }
            AppProcess.sleep(PASS_MILLIS);
        }
        cluster.dispatcher().clearRequests();
        controllerError = null;
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

    /**
     * What a deployment serves in a namespace right now: each available pod counts the benchmarked throughput of the
     * variant its MODEL_VARIANT_ID names, so mid-rollout an old pod counts the old variant's. A pod whose variant the
     * harness never registered for this deployment counts nothing (it would show as a dip, not hide one).
     */
    double capacity(String namespace, String deployment) {
        return cluster.availableCapacity(namespace, pod -> {
            Variant v = variants.get(String.valueOf(pod.env(VARIANT_ENV)));
            return v != null && v.deployment().equals(deployment) ? v.rps() : 0;
        });
    }

    /**
     * Whether the controller has finished: every Deployment's status observed its generation, and all its pods are
     * of the current template and available, as many as it asks for. A broken image's Deployment never settles.
     */
    boolean settled(List<String> namespaces) {
        for (String ns : namespaces) {
            for (Deployment d : client().apps().deployments().inNamespace(ns).list().getItems()) {
                var s = d.getStatus();
                int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                if (s == null || s.getObservedGeneration() == null
                        || s.getObservedGeneration() < d.getMetadata().getGeneration()
                        || !Integer.valueOf(replicas).equals(s.getAvailableReplicas())
                        || !Integer.valueOf(replicas).equals(s.getUpdatedReplicas())
                        || !Integer.valueOf(replicas).equals(s.getReplicas())) {
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

    /**
     * One controller pass, then one sample. The sample is taken even when the pass failed: the pods the controller
     * keeps serve whether or not a status write went through.
     */
    private void pass() {
        try {
            cluster.reconcile();
        } catch (RuntimeException e) {
            controllerError = e.toString();
        }
        CapacityWatch w = watch;
        if (w != null) {
            try {
                w.sample(this);
            } catch (RuntimeException e) {
                // A thrown sample must not end the scheduled loop (a throwing task is never run again).
                controllerError = "sampling: " + e;
            }
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

    /** Which deployment a variant belongs to, and the requests/s one replica of it serves. */
    record Variant(String deployment, double rps) {
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
