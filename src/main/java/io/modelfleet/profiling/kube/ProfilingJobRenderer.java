package io.modelfleet.profiling.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.profiling.domain.OperatingGrid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a profiling run as one Kubernetes Job. Pure: no I/O, the same spec gives the same Job.
 *
 * <p>The pod runs on one node of the hardware (its node labels, instance type and the pool's capacity type, as the
 * rollout's workloads select nodes; tolerations for its taints) and holds two containers:
 * <ul>
 * <li>{@value #SERVER} — the variant's serving image, as a native sidecar (an init container with restartPolicy
 * Always): it starts first, its startup probe holds the load generator back until the model answers on KServe v2,
 * and it is stopped when the load generator ends, so the Job completes. It gets the artifact as the rollout's
 * workloads get it (MODEL_URI, MODEL_SHA256, ...) and the run's per-replica resources, extended resource included;
 * <li>{@value #LOADGEN} — ModelFleet's load generator in {@code kserve} mode against localhost:8000, at every batch
 * size and concurrency of the run. Its last stdout line is the result document the driver reads from the pod log.
 * </ul>
 * The Job never retries (backoffLimit 0: a second attempt would measure a different pod), is stopped by Kubernetes
 * after the run's timeout (activeDeadlineSeconds) and removed a while after it finished (ttlSecondsAfterFinished).
 */
public final class ProfilingJobRenderer {

    public static final String RUN_LABEL = "modelfleet.io/profiling-run";
    public static final String SERVER = "model-server";
    public static final String LOADGEN = "loadgen";
    public static final String MANAGED_BY = "modelfleet";
    /** The KServe v2 port and readiness path, as the rollout's workloads serve them. */
    static final int SERVER_PORT = 8000;
    static final String READY_PATH = "/v2/health/ready";
    /** How long the startup probe lets the model server load the artifact: 120 x 5 s. */
    static final int STARTUP_PROBE_PERIOD_SECONDS = 5;
    static final int STARTUP_PROBE_FAILURES = 120;
    /** What the load generator itself takes beside the replica; the run's checks leave this room on the node. */
    public static final double LOADGEN_VCPUS = 0.5;
    /** The most values one request may carry (2^26): no KServe v2 JSON request should be larger. */
    public static final long MAX_VALUES_PER_REQUEST = 1L << 26;
    /** A value in a KServe JSON body: up to ~12 characters ("-0.12345678,"), one byte each. */
    static final long JSON_BYTES_PER_VALUE = 12;
    /** The body is built as text, then as bytes, then buffered by the HTTP client: three copies at once. */
    static final long BODY_COPIES = 3;
    /** The JVM, the HTTP client and the latency logs of up to 1024 concurrent requests, beside the bodies. */
    static final long LOADGEN_BASE_MIB = 256;
    /** The share of the container's memory the JVM may take as heap (its default is 25%, too little here). */
    static final String LOADGEN_JAVA_OPTIONS = "-XX:MaxRAMPercentage=75";

    private final String capacityTypeLabel;

    /** {@code capacityTypeLabel}: the node label that tells on-demand from spot nodes, as the rollout uses it. */
    public ProfilingJobRenderer(String capacityTypeLabel) {
        this.capacityTypeLabel = capacityTypeLabel;
    }

    /** The name of a run's Job: 57 characters, inside the 63 a Job's name (a pod label) may have. */
    public static String jobName(java.util.UUID runId) {
        return "modelfleet-profiling-" + runId;
    }

    public Job render(ProfilingJobSpec s) {
        Map<String, String> labels = labels(s);
        return new JobBuilder()
                .withNewMetadata().withName(s.jobName()).withNamespace(s.namespace()).withLabels(labels)
                .withAnnotations(new TreeMap<>(Map.of("modelfleet.io/artifact-uri", s.served().artifactUri(),
                        "modelfleet.io/version", s.served().modelVersion())))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds((long) s.timeoutSeconds())
                .withTtlSecondsAfterFinished(s.ttlSecondsAfterFinished())
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withNodeSelector(nodeSelector(s.placement()))
                .withTolerations(tolerations(s.placement()))
                .withInitContainers(server(s))
                .withContainers(loadgen(s))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Map<String, String> labels(ProfilingJobSpec s) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/name", "modelfleet-profiling");
        labels.put("app.kubernetes.io/component", "profiling");
        labels.put("app.kubernetes.io/part-of", s.served().model());
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        labels.put(RUN_LABEL, s.runId().toString());
        labels.put("modelfleet.io/variant", s.served().variantId().toString());
        labels.put("modelfleet.io/precision", s.served().precision().name().toLowerCase(Locale.ROOT));
        labels.put("modelfleet.io/hardware", s.placement().hardware());
        return labels;
    }

    private static Container server(ProfilingJobSpec s) {
        ProfilingJobSpec.Served v = s.served();
        // The server must take the largest batch the load generator sends.
        int largestBatch = Collections.max(s.grid().batchSizes());
        List<EnvVar> env = List.of(env("MODEL_NAME", v.model()), env("MODEL_URI", v.artifactUri()),
                env("MODEL_SHA256", v.artifactSha256()), env("MODEL_VARIANT_ID", v.variantId().toString()),
                env("MODEL_PRECISION", v.precision().name()), env("MODEL_BATCH_SIZE", Integer.toString(largestBatch)));
        Map<String, Quantity> requests = serverRequests(s);
        Map<String, Quantity> limits = new LinkedHashMap<>(requests);
        // CPU is not limited (no throttling while measuring); memory and the extended resource are.
        limits.remove("cpu");
        return new ContainerBuilder().withName(SERVER).withImage(v.image()).withRestartPolicy("Always")
                .addNewPort().withName("http").withContainerPort(SERVER_PORT).withProtocol("TCP").endPort()
                .withEnv(env)
                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                .withNewStartupProbe().withNewHttpGet().withPath(READY_PATH).withPort(new IntOrString("http"))
                .endHttpGet().withPeriodSeconds(STARTUP_PROBE_PERIOD_SECONDS)
                .withFailureThreshold(STARTUP_PROBE_FAILURES).endStartupProbe()
                .withNewReadinessProbe().withNewHttpGet().withPath(READY_PATH).withPort(new IntOrString("http"))
                .endHttpGet().withPeriodSeconds(5).withFailureThreshold(3).endReadinessProbe()
                .build();
    }

    private static Map<String, Quantity> serverRequests(ProfilingJobSpec s) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", millicores(s.vcpusPerReplica()));
        requests.put("memory", mebibytes(s.memoryGiBPerReplica()));
        if (s.acceleratorsPerReplica() > 0 && s.placement().resourceName() != null) {
            requests.put(s.placement().resourceName(), new Quantity(Integer.toString(s.acceleratorsPerReplica())));
        }
        return requests;
    }

    private static Container loadgen(ProfilingJobSpec s) {
        // Insertion-ordered (Map.of is not), so the YAML is the same on every run.
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", millicores(LOADGEN_VCPUS));
        Quantity memory = new Quantity(loadgenMemoryMiB(s.input().shape(), s.grid().batchSizes()) + "Mi");
        requests.put("memory", memory);
        Map<String, Quantity> limits = new LinkedHashMap<>();
        limits.put("memory", memory);
        return new ContainerBuilder().withName(LOADGEN).withImage(s.loadgenImage()).withArgs(loadgenArgs(s))
                .withEnv(env("JAVA_TOOL_OPTIONS", LOADGEN_JAVA_OPTIONS))
                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                .build();
    }

    /**
     * How many values one request carries at the largest batch size: the input's elements x that batch; Long.MAX_VALUE
     * when that overflows (eight dimensions of up to a million each may), which the request rules refuse anyway.
     */
    public static long valuesPerRequest(List<Integer> shape, List<Integer> batchSizes) {
        try {
            long values = Collections.max(batchSizes);
            for (int dimension : shape) {
                values = Math.multiplyExact(values, (long) dimension);
            }
            return values;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The load generator's memory (request and limit), in MiB, from the largest request body it builds: values per
     * request x {@value #JSON_BYTES_PER_VALUE} bytes per JSON value x {@value #BODY_COPIES} copies, rounded up to a
     * MiB, plus {@value #LOADGEN_BASE_MIB} MiB for the rest. ResNet-50 FP32 (3x224x224) at batch 32: 4,816,896
     * values x 36 B = 165.4 MiB -> 166 + 256 = 422 MiB; with {@value #LOADGEN_JAVA_OPTIONS} the heap may take 316
     * MiB of it (at the JVM's default 25% it had 128 MiB of the 512 MiB before, less than the bodies need).
     */
    public static long loadgenMemoryMiB(List<Integer> shape, List<Integer> batchSizes) {
        long bodies = valuesPerRequest(shape, batchSizes) * JSON_BYTES_PER_VALUE * BODY_COPIES;
        long mib = 1L << 20;
        return (bodies + mib - 1) / mib + LOADGEN_BASE_MIB;
    }

    /** The load generator's command line (after its entry point), in the order {@code docs/loadgen.md} gives. */
    public static List<String> loadgenArgs(ProfilingJobSpec s) {
        List<String> args = new ArrayList<>(List.of("kserve", "--url", "http://localhost:" + SERVER_PORT,
                "--model-name", s.served().model(), "--input-name", s.input().name(), "--input-shape",
                OperatingGrid.commaList(s.input().shape()), "--datatype", s.input().datatype()));
        args.addAll(List.of("--batch-sizes", OperatingGrid.commaList(s.grid().batchSizes()),
                "--concurrency", OperatingGrid.commaList(s.grid().concurrencies()),
                "--duration", s.durationSeconds() + "s",
                // The model server's startup probe has held the load generator back until the model was ready.
                "--ready-timeout", "60s"));
        return args;
    }

    private Map<String, String> nodeSelector(ProfilingJobSpec.Placement p) {
        Map<String, String> selector = new TreeMap<>(p.nodeLabels());
        selector.put("node.kubernetes.io/instance-type", p.hardware());
        selector.put(capacityTypeLabel, capacityValue(p.capacityType()));
        return selector;
    }

    /** As ManifestRenderer spells them: EKS managed node groups ON_DEMAND/SPOT, Karpenter on-demand/spot. */
    private String capacityValue(CapacityType type) {
        if (capacityTypeLabel.startsWith("eks.amazonaws.com/")) {
            return type.name();
        }
        return type == CapacityType.SPOT ? "spot" : "on-demand";
    }

    private static List<Toleration> tolerations(ProfilingJobSpec.Placement p) {
        return p.taints().stream().map(t -> new TolerationBuilder().withKey(t.key())
                .withOperator(t.value() == null ? "Exists" : "Equal").withValue(t.value())
                .withEffect(t.effect().kubernetesName()).build()).toList();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVar(name, value, null);
    }

    private static Quantity millicores(double vcpus) {
        return new Quantity(Math.round(vcpus * 1000) + "m");
    }

    private static Quantity mebibytes(double gib) {
        return new Quantity(Math.round(gib * 1024) + "Mi");
    }
}
