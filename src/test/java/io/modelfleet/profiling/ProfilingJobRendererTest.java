package io.modelfleet.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import io.modelfleet.catalog.domain.TaintEffect;
import io.modelfleet.profiling.domain.OperatingGrid;
import io.modelfleet.profiling.kube.KServeInput;
import io.modelfleet.profiling.kube.ProfilingJobRenderer;
import io.modelfleet.profiling.kube.ProfilingJobSpec;
import io.modelfleet.rollout.kube.ManifestYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The profiling Job, field by field, for a T4 GPU profile and a CPU profile; and the CPU Job as a whole YAML. */
class ProfilingJobRendererTest {

    private static final UUID RUN = UUID.fromString("6f1c2a4e-0b7d-4c51-9a38-2d5e7f9b1c03");
    private static final UUID VARIANT = UUID.fromString("0d9b6c1e-5a2f-4e7b-8c3d-1f0a9e8b7c6d");
    private static final ProfilingJobRenderer RENDERER = new ProfilingJobRenderer("karpenter.sh/capacity-type");

    private static ProfilingJobSpec t4() {
        return new ProfilingJobSpec(RUN, ProfilingJobRenderer.jobName(RUN), "ml-serving",
                new ProfilingJobSpec.Served("resnet50", "1.0.0", VARIANT, Precision.INT8,
                        "nvcr.io/nvidia/tritonserver:24.08-py3", "s3://models/resnet50/int8.onnx", "ab".repeat(32)),
                new ProfilingJobSpec.Placement("g4dn.xlarge", CapacityType.ON_DEMAND,
                        Map.of("node.kubernetes.io/instance-type", "g4dn.xlarge", "nvidia.com/gpu.product", "Tesla-T4"),
                        List.of(new Taint("nvidia.com/gpu", "true", TaintEffect.NO_SCHEDULE)), "nvidia.com/gpu"),
                1, 2.0, 6.0, new OperatingGrid(List.of(1, 8, 32), List.of(1, 4)), 20, 900,
                new KServeInput("input__0", List.of(3, 224, 224), "FP32"), "ghcr.io/modelfleet/loadgen:0.1.0", 3600);
    }

    private static ProfilingJobSpec cpu() {
        return new ProfilingJobSpec(RUN, ProfilingJobRenderer.jobName(RUN), "default",
                new ProfilingJobSpec.Served("bert-tiny", "2.1.0", VARIANT, Precision.FP32,
                        "ghcr.io/modelfleet/onnx-server:1.4", "s3://models/bert-tiny/fp32.onnx", "cd".repeat(32)),
                new ProfilingJobSpec.Placement("c6i.xlarge", CapacityType.SPOT, Map.of(), List.of(), null),
                0, 1.5, 2.0, new OperatingGrid(List.of(1, 8), List.of(1, 4)), 30, 1800,
                new KServeInput("x", List.of(64), "FP32"), "ghcr.io/modelfleet/loadgen:0.1.0", 3600);
    }

    @Test
    void aT4JobRequestsOneGpuSelectsT4NodesAndToleratesTheirTaint() {
        Job job = RENDERER.render(t4());
        assertEquals("modelfleet-profiling-6f1c2a4e-0b7d-4c51-9a38-2d5e7f9b1c03", job.getMetadata().getName());
        assertEquals("ml-serving", job.getMetadata().getNamespace());
        assertEquals(Map.of("app.kubernetes.io/name", "modelfleet-profiling", "app.kubernetes.io/component",
                "profiling", "app.kubernetes.io/part-of", "resnet50", "app.kubernetes.io/managed-by", "modelfleet",
                "modelfleet.io/profiling-run", RUN.toString(), "modelfleet.io/variant", VARIANT.toString(),
                "modelfleet.io/precision", "int8", "modelfleet.io/hardware", "g4dn.xlarge"),
                job.getMetadata().getLabels());
        assertEquals(job.getMetadata().getLabels(), job.getSpec().getTemplate().getMetadata().getLabels());
        assertEquals(0, job.getSpec().getBackoffLimit());
        assertEquals(900L, job.getSpec().getActiveDeadlineSeconds());
        assertEquals(3600, job.getSpec().getTtlSecondsAfterFinished());

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(false, pod.getAutomountServiceAccountToken());
        assertEquals(Map.of("node.kubernetes.io/instance-type", "g4dn.xlarge", "nvidia.com/gpu.product", "Tesla-T4",
                "karpenter.sh/capacity-type", "on-demand"), pod.getNodeSelector());
        Toleration gpu = pod.getTolerations().get(0);
        assertEquals(1, pod.getTolerations().size());
        assertEquals(List.of("nvidia.com/gpu", "Equal", "true", "NoSchedule"),
                List.of(gpu.getKey(), gpu.getOperator(), gpu.getValue(), gpu.getEffect()));

        Container server = pod.getInitContainers().get(0);
        assertEquals(1, pod.getInitContainers().size());
        assertEquals("model-server", server.getName());
        assertEquals("nvcr.io/nvidia/tritonserver:24.08-py3", server.getImage());
        assertEquals("Always", server.getRestartPolicy(), "a native sidecar: it runs beside the load generator");
        assertEquals(8000, server.getPorts().get(0).getContainerPort());
        assertEquals(List.of("MODEL_NAME=resnet50", "MODEL_URI=s3://models/resnet50/int8.onnx",
                "MODEL_SHA256=" + "ab".repeat(32), "MODEL_VARIANT_ID=" + VARIANT, "MODEL_PRECISION=INT8",
                "MODEL_BATCH_SIZE=32"), env(server));
        assertEquals(Map.of("cpu", "2000m", "memory", "6144Mi", "nvidia.com/gpu", "1"),
                quantities(server.getResources().getRequests()));
        assertEquals(Map.of("memory", "6144Mi", "nvidia.com/gpu", "1"),
                quantities(server.getResources().getLimits()));
        assertEquals("/v2/health/ready", server.getStartupProbe().getHttpGet().getPath());
        assertEquals(120, server.getStartupProbe().getFailureThreshold());

        Container loadgen = pod.getContainers().get(0);
        assertEquals(1, pod.getContainers().size());
        assertEquals("loadgen", loadgen.getName());
        assertEquals("ghcr.io/modelfleet/loadgen:0.1.0", loadgen.getImage());
        assertEquals(List.of(), loadgen.getCommand(),
                "no command: the image's entry point runs the load generator");
        assertEquals(List.of("kserve", "--url", "http://localhost:8000", "--model-name", "resnet50",
                "--input-name", "input__0", "--input-shape", "3,224,224", "--datatype", "FP32",
                "--batch-sizes", "1,8,32", "--concurrency", "1,4", "--duration", "20s", "--ready-timeout", "60s"),
                loadgen.getArgs());
        // 3 x 224 x 224 x batch 32 = 4,816,896 values x 12 B x 3 copies = 173,408,256 B -> 166 MiB, + 256 MiB.
        assertEquals(Map.of("cpu", "500m", "memory", "422Mi"), quantities(loadgen.getResources().getRequests()));
        assertEquals(Map.of("memory", "422Mi"), quantities(loadgen.getResources().getLimits()));
        assertEquals(List.of("JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75"), env(loadgen),
                "the heap may take 75% of the limit, not the JVM's default 25%");
        assertEquals(422L, ProfilingJobRenderer.loadgenMemoryMiB(List.of(3, 224, 224), List.of(32)));
        assertEquals(257L, ProfilingJobRenderer.loadgenMemoryMiB(List.of(64), List.of(1, 8)),
                "512 values x 36 B round up to one MiB");
        assertEquals(Long.MAX_VALUE, ProfilingJobRenderer.valuesPerRequest(List.of(1_000_000, 1_000_000, 1_000_000,
                1_000_000), List.of(4096)), "an overflowing product saturates");
    }

    @Test
    void aCpuJobRequestsNoExtendedResourceHasNoTolerationsAndSelectsSpotNodes() {
        Job job = RENDERER.render(cpu());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals(Map.of("node.kubernetes.io/instance-type", "c6i.xlarge", "karpenter.sh/capacity-type", "spot"),
                pod.getNodeSelector());
        assertEquals(List.of(), pod.getTolerations());
        Container server = pod.getInitContainers().get(0);
        assertEquals(Map.of("cpu", "1500m", "memory", "2048Mi"), quantities(server.getResources().getRequests()));
        assertEquals(Map.of("memory", "2048Mi"), quantities(server.getResources().getLimits()));
        assertEquals("MODEL_BATCH_SIZE=8", env(server).get(5));
        assertEquals(1800L, job.getSpec().getActiveDeadlineSeconds());
        assertEquals(List.of("kserve", "--url", "http://localhost:8000", "--model-name", "bert-tiny",
                "--input-name", "x", "--input-shape", "64", "--datatype", "FP32", "--batch-sizes", "1,8",
                "--concurrency", "1,4", "--duration", "30s", "--ready-timeout", "60s"),
                pod.getContainers().get(0).getArgs());
    }

    @Test
    void eksManagedNodeGroupsSpellTheCapacityTypeTheirWay() {
        Job job = new ProfilingJobRenderer("eks.amazonaws.com/capacityType").render(cpu());
        assertEquals("SPOT", job.getSpec().getTemplate().getSpec().getNodeSelector()
                .get("eks.amazonaws.com/capacityType"));
    }

    /** The whole CPU Job, as docs/profiling-draft.md shows it: the renderer's output is stable byte for byte. */
    @Test
    void theCpuJobIsTheFixtureYaml() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/profiling/cpu-job.yaml")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    ManifestYaml.of(RENDERER.render(cpu())));
        }
    }

    /** The image the Dockerfile says to build is the one a profiling Job runs by default. */
    @Test
    void theDockerfileTagsTheImageTheConfigRunsByDefault() throws Exception {
        String image = ProfilingConfig.class.getMethod("loadgenImage")
                .getAnnotation(io.smallrye.config.WithDefault.class).value();
        assertEquals("ghcr.io/modelfleet/loadgen:0.1.0", image);
        String dockerfile = java.nio.file.Files.readString(java.nio.file.Path.of("k8s/loadgen/Dockerfile"));
        List<String> tags = java.util.regex.Pattern.compile("-t (\\S+)").matcher(dockerfile).results()
                .map(m -> m.group(1)).toList();
        assertEquals(List.of(image), tags);
    }

    private static List<String> env(Container c) {
        return c.getEnv().stream().map((EnvVar e) -> e.getName() + "=" + e.getValue()).toList();
    }

    private static Map<String, String> quantities(Map<String, Quantity> q) {
        return q.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().toString()));
    }
}
