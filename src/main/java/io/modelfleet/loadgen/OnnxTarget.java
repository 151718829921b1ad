package io.modelfleet.loadgen;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.modelfleet.loadgen.LoadOptions.OnnxSettings;
import io.modelfleet.loadgen.LoadOptions.Provider;
import io.modelfleet.loadgen.LoadOptions.Sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model run in this process by ONNX Runtime. One session serves every requester (ONNX Runtime allows
 * concurrent {@code run} calls on a session), and each requester feeds its own random input tensors, made once.
 */
final class OnnxTarget implements InferenceTarget {

    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final OnnxSettings settings;
    private final Sweep sweep;
    private final List<ModelInput> inputs;

    private OnnxTarget(OrtEnvironment environment, OrtSession.SessionOptions options, OrtSession session,
                       OnnxSettings settings, Sweep sweep, List<ModelInput> inputs) {
        this.environment = environment;
        this.options = options;
        this.session = session;
        this.settings = settings;
        this.sweep = sweep;
        this.inputs = inputs;
    }

    /**
     * Loads the model and checks, before anything runs, that every input can be fed at every batch size of the sweep.
     *
     * @throws UsageError naming the argument when the model cannot be fed as asked (shape, provider, input type)
     * @throws TargetFailure when ONNX Runtime refuses the model
     */
    static OnnxTarget open(OnnxSettings settings, Sweep sweep) throws TargetFailure {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = null;
        try {
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            if (settings.provider() == Provider.CUDA) {
                if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                    throw new UsageError("--provider", "cuda is not available in this ONNX Runtime build (it has "
                            + OrtEnvironment.getAvailableProviders() + "); a GPU image packages "
                            + "com.microsoft.onnxruntime:onnxruntime_gpu instead of onnxruntime");
                }
                options.addCUDA(0);
            }
            session = environment.createSession(settings.model().toString(), options);
            List<ModelInput> inputs = describeInputs(session.getInputInfo());
            for (int batchSize : sweep.batchSizes()) {
                for (ModelInput input : inputs) {
                    OnnxTensors.elementCount(input.shapeAt(batchSize, settings.itemShape()), input.type());
                }
            }
            return new OnnxTarget(environment, options, session, settings, sweep, inputs);
        } catch (OrtException e) {
            closeQuietly(session, options);
            throw new TargetFailure("ONNX Runtime could not load " + settings.model() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session, options);
            throw e;
        }
    }

    List<ModelInput> inputs() {
        return inputs;
    }

    @Override
    public String kind() {
        return "onnx";
    }

    @Override
    public String model() {
        return settings.model().toString();
    }

    @Override
    public String provider() {
        return settings.provider().label();
    }

    @Override
    public Requester requester(int batchSize, int index) throws TargetFailure {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (int i = 0; i < inputs.size(); i++) {
                ModelInput input = inputs.get(i);
                // distinct, reproducible values per (batch size, requester, input)
                long seed = sweep.seed() ^ (batchSize * 0x9E3779B97F4A7C15L) ^ ((long) index << 20) ^ i;
                RandomValues values = new RandomValues(input.type(), seed, sweep.intMax());
                feed.put(input.name(), OnnxTensors.random(environment, input.shapeAt(batchSize, settings.itemShape()),
                        values));
            }
        } catch (OrtException e) {
            feed.values().forEach(OnnxTensor::close);
            throw new TargetFailure("could not make the input tensors of " + settings.model() + ": "
                    + e.getMessage(), e);
        }
        return new Requester() {
            @Override
            public void infer() throws OrtException {
                // the result holds the outputs in native memory: closing it is part of the request
                session.run(feed).close();
            }

            @Override
            public void close() {
                feed.values().forEach(OnnxTensor::close);
            }
        };
    }

    @Override
    public void close() {
        closeQuietly(session, options);
    }

    private static List<ModelInput> describeInputs(Map<String, NodeInfo> declared) {
        List<ModelInput> inputs = new ArrayList<>();
        for (NodeInfo node : declared.values()) {
            if (!(node.getInfo() instanceof TensorInfo tensor)) {
                throw new UsageError("--model", "input '" + node.getName() + "' is not a tensor (" + node.getInfo()
                        + "); only tensor inputs can be fed");
            }
            List<Long> shape = new ArrayList<>();
            for (long dim : tensor.getShape()) {
                shape.add(dim < 0 ? ModelInput.DYNAMIC : dim);
            }
            inputs.add(new ModelInput(node.getName(), elementType(node.getName(), tensor.onnxType), shape));
        }
        return List.copyOf(inputs);
    }

    private static ElementType elementType(String input, TensorInfo.OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> ElementType.FP32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> ElementType.FP64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> ElementType.FP16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> ElementType.BF16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> ElementType.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> ElementType.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> ElementType.INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> ElementType.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> ElementType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> ElementType.BOOL;
            default -> throw new UsageError("--model", "input '" + input + "' has element type " + type
                    + ", which the load generator cannot make random values of");
        };
    }

    private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException e) {
            // closing after a failure: the failure is what gets reported
        }
        options.close();
    }
}
