package io.modelfleet.rollout;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import io.modelfleet.catalog.domain.TaintEffect;
import io.modelfleet.rollout.kube.Workload;
import java.util.List;
import java.util.Map;

/** Placements shaped like the demo catalog's, one per hardware class, for rendering and GitOps tests. */
final class Workloads {

    private static final String SHA = "3f1c2e5d8a9b0c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d";

    private Workloads() {
    }

    static Workload t4() {
        return new Workload("resnet-prod", "prod-use1", "inference", "resnet50", "1.0.0",
                "6f1d2c3b-0000-4000-8000-000000000001", Precision.INT8, "g4dn.xlarge", CapacityType.ON_DEMAND,
                "nvcr.io/nvidia/tritonserver:24.08-py3", "s3://models/resnet50/1.0.0/int8/model.onnx", SHA, 8, 3, 1,
                "nvidia.com/gpu", 2, 4, Map.of("node.kubernetes.io/instance-type", "g4dn.xlarge",
                        "karpenter.k8s.aws/instance-gpu-name", "t4"),
                List.of(new Taint("nvidia.com/gpu", "true", TaintEffect.NO_SCHEDULE)));
    }

    static Workload inferentia() {
        return new Workload("bert-prod", "prod-use1", "inference", "bert-base", "1.0.0",
                "6f1d2c3b-0000-4000-8000-000000000002", Precision.BF16, "inf1.xlarge", CapacityType.ON_DEMAND,
                "public.ecr.aws/neuron/pytorch-inference-neuron:1.13.1-neuron-py310-sdk2.20.0-ubuntu20.04",
                "s3://models/bert-base/1.0.0/bf16/model.neff", SHA, 4, 2, 4, "aws.amazon.com/neuroncore", 2, 4,
                Map.of("node.kubernetes.io/instance-type", "inf1.xlarge"),
                List.of(new Taint("aws.amazon.com/neuron", "true", TaintEffect.NO_SCHEDULE)));
    }

    static Workload cpu() {
        return new Workload("resnet-batch", "prod-use1", "inference", "resnet50", "1.0.0",
                "6f1d2c3b-0000-4000-8000-000000000003", Precision.INT8, "c6i.xlarge", CapacityType.ON_DEMAND,
                "openvino/model_server:2024.4", "s3://models/resnet50/1.0.0/int8/model.xml", SHA, 1, 1, 0, null, 2,
                2, Map.of("node.kubernetes.io/instance-type", "c6i.xlarge"), List.of());
    }

    static Workload fpga() {
        return new Workload("resnet-edge", "prod-use1", "inference", "resnet50", "1.0.0",
                "6f1d2c3b-0000-4000-8000-000000000004", Precision.INT8, "f2.6xlarge", CapacityType.ON_DEMAND,
                "xilinx/vitis-ai-runtime:3.5.0", "s3://models/resnet50/1.0.0/int8/model.xmodel", SHA, 20, 2, 1,
                "xilinx.com/fpga", 8, 16, Map.of("node.kubernetes.io/instance-type", "f2.6xlarge"),
                List.of(new Taint("xilinx.com/fpga", "true", TaintEffect.NO_SCHEDULE)));
    }

    static Workload spot() {
        Workload w = cpu();
        return new Workload(w.deployment(), w.cluster(), w.namespace(), w.model(), w.modelVersion(), w.variantId(),
                w.precision(), w.hardware(), CapacityType.SPOT, w.image(), w.artifactUri(), w.artifactSha256(),
                w.batchSize(), 4, w.acceleratorsPerReplica(), w.resourceName(), w.vcpusPerReplica(),
                w.memoryGiBPerReplica(), w.nodeLabels(), w.taints());
    }
}
