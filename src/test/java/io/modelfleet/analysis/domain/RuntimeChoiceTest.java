package io.modelfleet.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RuntimeChoiceTest {

    @Test
    void theDeploymentsExplicitRuntimeWins() {
        assertEquals(QueryRuntime.KSERVE, RuntimeChoice.of("nvcr.io/nvidia/tritonserver:24.05", "TENSORRT",
                QueryRuntime.KSERVE));
    }

    @Test
    void aTritonImageOrTensorRtFormatIsTriton() {
        assertEquals(QueryRuntime.TRITON, RuntimeChoice.of("nvcr.io/nvidia/tritonserver:24.05-py3", "onnx", null));
        assertEquals(QueryRuntime.TRITON, RuntimeChoice.of("ghcr.io/acme/llm:1.2", "tensorrt", null));
    }

    @Test
    void aKserveImageIsKserve() {
        assertEquals(QueryRuntime.KSERVE, RuntimeChoice.of("docker.io/kserve/huggingfaceserver:v0.13", "safetensors",
                null));
    }

    @Test
    void anythingElseIsTheGenericHistogram() {
        assertEquals(QueryRuntime.OPENMETRICS, RuntimeChoice.of("vllm/vllm-openai:v0.5.0", "safetensors", null));
        assertEquals(QueryRuntime.OPENMETRICS, RuntimeChoice.of(null, null, null));
    }
}
