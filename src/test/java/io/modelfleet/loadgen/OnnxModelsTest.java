package io.modelfleet.loadgen;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written models are real ONNX: ONNX Runtime loads them and they compute what their weights say. */
class OnnxModelsTest {

    private static final long SEED = 7;
    private static final int ROWS = 3;

    private static OrtEnvironment environment;
    private static OrtSession.SessionOptions options;

    @BeforeAll
    static void environment() throws OrtException {
        environment = OrtEnvironment.getEnvironment();
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
    }

    @AfterAll
    static void close() throws OrtException {
        options.close();
    }

    @Test
    void fp32MlpComputesReluOfTheAffineMapThenTheSecondLayer() throws OrtException {
        float[] x = randomRows(ROWS);
        float[][] y = runFloat(OnnxModels.mlpFp32(SEED), "x", x);

        OnnxModels.MlpWeights weights = OnnxModels.MlpWeights.of(SEED);
        for (int row = 0; row < ROWS; row++) {
            double[] expected = weights.forward(row(x, row));
            for (int k = 0; k < OnnxModels.MLP_OUTPUTS; k++) {
                assertEquals(expected[k], y[row][k], 1e-4, "row " + row + " output " + k);
            }
        }
    }

    @Test
    void int8MlpStaysCloseToTheFp32ItQuantizes() throws OrtException {
        float[] x = randomRows(ROWS);
        float[][] y = runFloat(OnnxModels.mlpInt8(SEED), "x", x);

        OnnxModels.MlpWeights weights = OnnxModels.MlpWeights.of(SEED);
        double worst = 0;
        double largest = 0;
        for (int row = 0; row < ROWS; row++) {
            double[] expected = weights.forward(row(x, row));
            for (int k = 0; k < OnnxModels.MLP_OUTPUTS; k++) {
                worst = Math.max(worst, Math.abs(expected[k] - y[row][k]));
                largest = Math.max(largest, Math.abs(expected[k]));
            }
        }
        // int8 weights and activations cost a few percent of the output's range, never its order of magnitude.
        assertTrue(largest > 0.3, "the outputs are not degenerate: " + largest);
        assertTrue(worst < 0.05 * largest, "int8 error " + worst + " against outputs up to " + largest);
    }

    @Test
    void tokenEmbeddingAcceptsIdsOfItsTableAndRefusesOthers() throws OrtException {
        byte[] model = OnnxModels.tokenEmbeddingInt64(SEED);
        try (OrtSession session = environment.createSession(model, options)) {
            assertEquals(1, session.getInputInfo().size());
            long[] inRange = new long[ROWS * OnnxModels.TOKENS];
            for (int i = 0; i < inRange.length; i++) {
                inRange[i] = i % OnnxModels.EMBEDDING_ROWS;
            }
            try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(inRange),
                    new long[] {ROWS, OnnxModels.TOKENS});
                 OrtSession.Result result = session.run(Map.of("ids", ids))) {
                assertArrayEquals(new long[] {ROWS, 4}, ((OnnxTensor) result.get(0)).getInfo().getShape());
            }
            long[] outOfRange = inRange.clone();
            outOfRange[5] = OnnxModels.EMBEDDING_ROWS;
            try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(outOfRange),
                    new long[] {ROWS, OnnxModels.TOKENS})) {
                assertThrows(OrtException.class, () -> session.run(Map.of("ids", ids)).close());
            }
        }
    }

    @Test
    void int8InputModelDeclaresAnInt8Input() throws OrtException {
        try (OrtSession session = environment.createSession(OnnxModels.int8InputMatMul(SEED), options)) {
            ai.onnxruntime.TensorInfo info = (ai.onnxruntime.TensorInfo) session.getInputInfo().get("q").getInfo();
            assertEquals(ai.onnxruntime.OnnxJavaType.INT8, info.type);
            assertArrayEquals(new long[] {-1, OnnxModels.MLP_INPUTS}, info.getShape());
        }
    }

    private static float[][] runFloat(byte[] model, String input, float[] x) throws OrtException {
        try (OrtSession session = environment.createSession(model, options);
             OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(x),
                     new long[] {ROWS, OnnxModels.MLP_INPUTS});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    private static float[] randomRows(int rows) {
        Random random = new Random(11);
        float[] x = new float[rows * OnnxModels.MLP_INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        return x;
    }

    private static float[] row(float[] x, int row) {
        float[] one = new float[OnnxModels.MLP_INPUTS];
        System.arraycopy(x, row * OnnxModels.MLP_INPUTS, one, 0, one.length);
        return one;
    }
}
