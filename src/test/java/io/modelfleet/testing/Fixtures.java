package io.modelfleet.testing;

import java.util.List;
import java.util.Map;

/** Request bodies shaped like DESIGN.md's examples, with the values tests vary as parameters. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Map<String, Object> t4Profile() {
        return Map.of("accelerator", "NVIDIA_T4", "acceleratorCount", 1, "acceleratorMemoryGiB", 16,
                "resourceName", "nvidia.com/gpu", "vcpus", 4, "memoryGiB", 16,
                "precisions", List.of("FP32", "FP16", "INT8"),
                "nodeLabels", Map.of("node.kubernetes.io/instance-type", "g4dn.xlarge"),
                "taints", List.of(Map.of("key", "nvidia.com/gpu", "value", "true", "effect", "NoSchedule")),
                "offerings", List.of(Map.of("region", "us-east-1", "capacityType", "ON_DEMAND",
                        "hourlyPriceUsd", 0.526)));
    }

    public static Map<String, Object> cpuProfile(double price) {
        return Map.of("accelerator", "CPU", "vcpus", 4, "memoryGiB", 8, "precisions", List.of("FP32", "INT8"),
                "offerings", List.of(Map.of("region", "us-east-1", "capacityType", "ON_DEMAND",
                        "hourlyPriceUsd", price)));
    }

    public static Map<String, Object> model() {
        return Map.of("task", "image-classification", "accuracyMetric", "top1");
    }

    public static Map<String, Object> variant(String precision, String hardware) {
        return Map.of("version", "1.0.0", "precision", precision, "compression", List.of("QUANTIZATION"),
                "artifactUri", "s3://bucket/resnet50/" + precision.toLowerCase() + ".onnx",
                "artifactSha256", "a".repeat(64), "sizeBytes", 25_000_000, "format", "ONNX",
                "image", "nvcr.io/nvidia/tritonserver:24.08-py3", "accuracy", 75.9,
                "benchmarks", List.of(benchmark(hardware)));
    }

    public static Map<String, Object> benchmark(String hardware) {
        return Map.of("hardware", hardware, "batchSize", 8, "p99LatencyMs", 7.1, "throughputRps", 1800,
                "acceleratorsPerReplica", 1, "vcpusPerReplica", 2, "memoryGiBPerReplica", 4, "source", "MEASURED");
    }

    public static Map<String, Object> cluster(String region, String poolHardware) {
        return Map.of("region", region, "target", Map.of("type", "GITOPS"), "nodePools", List.of(Map.of(
                "name", "pool-a", "hardware", poolHardware, "capacityType", "ON_DEMAND", "maxNodes", 10)));
    }

    public static Map<String, Object> deployment(String model, String cluster, double rps) {
        return Map.of("model", model, "version", "1.0.0", "slo", Map.of("p99LatencyMs", 20, "minAccuracy", 75.0,
                "minReplicas", 1, "headroom", 0.0), "demand", List.of(Map.of("cluster", cluster, "rps", rps)));
    }
}
