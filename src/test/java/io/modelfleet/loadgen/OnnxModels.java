package io.modelfleet.loadgen;

import io.modelfleet.loadgen.OnnxGraph.Attribute;

import java.util.List;
import java.util.Random;

/**
 * Small ONNX models written in the test, with seeded random weights, for the load generator's tests and for anyone
 * who needs a real model ONNX Runtime loads (profiling tests). Every model has a symbolic batch dimension.
 *
 * <ul>
 *   <li>{@link #mlpFp32}: {@code x} float [N,64] -> MatMul(64x256) -> Add -> Relu -> MatMul(256x10) -> Add ->
 *       {@code y} float [N,10].</li>
 *   <li>{@link #mlpInt8}: the same MLP with int8 weights, as a statically quantized model runs it: QuantizeLinear
 *       of the input, MatMulInteger (int8 x int8 -> int32), Cast, Mul by the two scales, Add the float bias.</li>
 *   <li>{@link #tokenEmbeddingInt64}: {@code ids} int64 [N,16] -> Gather from an 8-row table -> ReduceMean ->
 *       MatMul(32x4) -> {@code y} float [N,4]: an index input, which fails for ids outside 0..7.</li>
 *   <li>{@link #int8InputMatMul}: {@code q} int8 [N,64] -> MatMulInteger(64x10) -> Cast -> {@code y} float [N,10]:
 *       a model that declares an int8 input.</li>
 * </ul>
 */
public final class OnnxModels {

    public static final int MLP_INPUTS = 64;
    public static final int MLP_HIDDEN = 256;
    public static final int MLP_OUTPUTS = 10;
    public static final int EMBEDDING_ROWS = 8;
    public static final int TOKENS = 16;

    private static final int EMBEDDING_WIDTH = 32;
    private static final int EMBEDDING_OUTPUTS = 4;
    /** The load generator's float inputs lie in [-1, 1), so 1/127 maps them onto the whole int8 range. */
    private static final float INPUT_SCALE = 1f / 127f;
    /** Hidden activations of the seeded MLP stay well under 4 in magnitude; 4/127 keeps them in int8. */
    private static final float HIDDEN_SCALE = 4f / 127f;

    private OnnxModels() {
    }

    /** The weights of the MLP for a seed, so a test can compute what the model must answer. */
    record MlpWeights(float[] w1, float[] b1, float[] w2, float[] b2) {

        static MlpWeights of(long seed) {
            Random random = new Random(seed);
            return new MlpWeights(gaussian(random, MLP_INPUTS * MLP_HIDDEN, 0.1), gaussian(random, MLP_HIDDEN, 0.05),
                    gaussian(random, MLP_HIDDEN * MLP_OUTPUTS, 0.1), gaussian(random, MLP_OUTPUTS, 0.05));
        }

        /** y = relu(x W1 + b1) W2 + b2 for one row of 64 inputs, in double precision. */
        double[] forward(float[] x) {
            double[] hidden = new double[MLP_HIDDEN];
            for (int j = 0; j < MLP_HIDDEN; j++) {
                double sum = b1[j];
                for (int i = 0; i < MLP_INPUTS; i++) {
                    sum += x[i] * (double) w1[i * MLP_HIDDEN + j];
                }
                hidden[j] = Math.max(0, sum);
            }
            double[] y = new double[MLP_OUTPUTS];
            for (int k = 0; k < MLP_OUTPUTS; k++) {
                double sum = b2[k];
                for (int j = 0; j < MLP_HIDDEN; j++) {
                    sum += hidden[j] * w2[j * MLP_OUTPUTS + k];
                }
                y[k] = sum;
            }
            return y;
        }
    }

    public static byte[] mlpFp32(long seed) {
        MlpWeights weights = MlpWeights.of(seed);
        return new OnnxGraph()
                .input("x", OnnxGraph.FLOAT, -1, MLP_INPUTS)
                .output("y", OnnxGraph.FLOAT, -1, MLP_OUTPUTS)
                .floats("w1", weights.w1(), MLP_INPUTS, MLP_HIDDEN)
                .floats("b1", weights.b1(), MLP_HIDDEN)
                .floats("w2", weights.w2(), MLP_HIDDEN, MLP_OUTPUTS)
                .floats("b2", weights.b2(), MLP_OUTPUTS)
                .node("MatMul", List.of("x", "w1"), List.of("h1"))
                .node("Add", List.of("h1", "b1"), List.of("h2"))
                .node("Relu", List.of("h2"), List.of("h3"))
                .node("MatMul", List.of("h3", "w2"), List.of("h4"))
                .node("Add", List.of("h4", "b2"), List.of("y"))
                .model("mlp_fp32");
    }

    public static byte[] mlpInt8(long seed) {
        MlpWeights weights = MlpWeights.of(seed);
        float w1Scale = symmetricScale(weights.w1());
        float w2Scale = symmetricScale(weights.w2());
        return new OnnxGraph()
                .input("x", OnnxGraph.FLOAT, -1, MLP_INPUTS)
                .output("y", OnnxGraph.FLOAT, -1, MLP_OUTPUTS)
                .floats("x_scale", new float[] {INPUT_SCALE})
                .floats("h_scale", new float[] {HIDDEN_SCALE})
                .int8s("zero", new byte[] {0})
                .int8s("w1q", quantize(weights.w1(), w1Scale), MLP_INPUTS, MLP_HIDDEN)
                .int8s("w2q", quantize(weights.w2(), w2Scale), MLP_HIDDEN, MLP_OUTPUTS)
                .floats("s1", new float[] {INPUT_SCALE * w1Scale})
                .floats("s2", new float[] {HIDDEN_SCALE * w2Scale})
                .floats("b1", weights.b1(), MLP_HIDDEN)
                .floats("b2", weights.b2(), MLP_OUTPUTS)
                .node("QuantizeLinear", List.of("x", "x_scale", "zero"), List.of("xq"))
                .node("MatMulInteger", List.of("xq", "w1q", "zero", "zero"), List.of("a1"))
                .node("Cast", List.of("a1"), List.of("a1f"), Attribute.of("to", OnnxGraph.FLOAT))
                .node("Mul", List.of("a1f", "s1"), List.of("h1"))
                .node("Add", List.of("h1", "b1"), List.of("h2"))
                .node("Relu", List.of("h2"), List.of("h3"))
                .node("QuantizeLinear", List.of("h3", "h_scale", "zero"), List.of("hq"))
                .node("MatMulInteger", List.of("hq", "w2q", "zero", "zero"), List.of("a2"))
                .node("Cast", List.of("a2"), List.of("a2f"), Attribute.of("to", OnnxGraph.FLOAT))
                .node("Mul", List.of("a2f", "s2"), List.of("h4"))
                .node("Add", List.of("h4", "b2"), List.of("y"))
                .model("mlp_int8");
    }

    public static byte[] tokenEmbeddingInt64(long seed) {
        Random random = new Random(seed);
        return new OnnxGraph()
                .input("ids", OnnxGraph.INT64, -1, TOKENS)
                .output("y", OnnxGraph.FLOAT, -1, EMBEDDING_OUTPUTS)
                .floats("table", gaussian(random, EMBEDDING_ROWS * EMBEDDING_WIDTH, 1.0), EMBEDDING_ROWS,
                        EMBEDDING_WIDTH)
                .floats("w", gaussian(random, EMBEDDING_WIDTH * EMBEDDING_OUTPUTS, 0.2), EMBEDDING_WIDTH,
                        EMBEDDING_OUTPUTS)
                .node("Gather", List.of("table", "ids"), List.of("e"), Attribute.of("axis", 0))
                .node("ReduceMean", List.of("e"), List.of("m"), Attribute.ofList("axes", 1),
                        Attribute.of("keepdims", 0))
                .node("MatMul", List.of("m", "w"), List.of("y"))
                .model("token_embedding_int64");
    }

    public static byte[] int8InputMatMul(long seed) {
        Random random = new Random(seed);
        byte[] weights = new byte[MLP_INPUTS * MLP_OUTPUTS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (random.nextInt(255) - 127);
        }
        return new OnnxGraph()
                .input("q", OnnxGraph.INT8, -1, MLP_INPUTS)
                .output("y", OnnxGraph.FLOAT, -1, MLP_OUTPUTS)
                .int8s("wq", weights, MLP_INPUTS, MLP_OUTPUTS)
                .node("MatMulInteger", List.of("q", "wq"), List.of("a"))
                .node("Cast", List.of("a"), List.of("y"), Attribute.of("to", OnnxGraph.FLOAT))
                .model("int8_input_matmul");
    }

    /** Per-tensor symmetric int8 scale: the largest magnitude maps to 127. */
    private static float symmetricScale(float[] values) {
        float max = 0;
        for (float value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max / 127f;
    }

    private static byte[] quantize(float[] values, float scale) {
        byte[] quantized = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            quantized[i] = (byte) Math.max(-127, Math.min(127, Math.round(values[i] / scale)));
        }
        return quantized;
    }

    private static float[] gaussian(Random random, int count, double deviation) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * deviation);
        }
        return values;
    }
}
