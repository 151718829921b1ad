package io.modelfleet.loadgen;

import java.util.List;
import java.util.Optional;

/**
 * One input a model declares: its name, element type and shape, where -1 is a dimension the model leaves open
 * (symbolic, like the batch dimension "N"). The first dimension is taken as the batch dimension, as ONNX exporters
 * write it.
 */
record ModelInput(String name, ElementType type, List<Long> declared) {

    static final long DYNAMIC = -1;

    ModelInput {
        declared = List.copyOf(declared);
    }

    /**
     * The shape to feed at a batch size: the declared shape with its batch dimension set to the batch size and, when
     * {@code itemShape} is given ({@code --input-shape}), its other dimensions taken from it. Without it every other
     * dimension must be fixed by the model. A scalar input is fed as it is.
     *
     * @throws UsageError naming {@code --batch-sizes} or {@code --input-shape} when the model cannot take that shape
     */
    long[] shapeAt(int batchSize, Optional<List<Long>> itemShape) {
        if (declared.isEmpty()) {
            return new long[0];
        }
        long batchDim = declared.get(0);
        if (batchDim != DYNAMIC && batchDim != batchSize) {
            throw new UsageError("--batch-sizes", "input '" + name + "' has a fixed batch dimension of " + batchDim
                    + ", so batch size " + batchSize + " cannot be fed");
        }
        long[] shape = new long[declared.size()];
        shape[0] = batchSize;
        List<Long> rest = declared.subList(1, declared.size());
        if (itemShape.isPresent() && itemShape.get().size() != rest.size()) {
            throw new UsageError("--input-shape", itemShape.get().size() + " dimensions given, but input '" + name
                    + "' has " + rest.size() + " besides the batch dimension " + describe());
        }
        for (int i = 0; i < rest.size(); i++) {
            long dim = rest.get(i);
            if (itemShape.isPresent()) {
                long given = itemShape.get().get(i);
                if (dim != DYNAMIC && dim != given) {
                    throw new UsageError("--input-shape", "dimension " + (i + 1) + " of input '" + name
                            + "' is fixed at " + dim + " by the model, not " + given + " " + describe());
                }
                shape[i + 1] = given;
            } else if (dim == DYNAMIC) {
                throw new UsageError("--input-shape", "input '" + name + "' leaves dimension " + (i + 1)
                        + " open " + describe() + "; give the dimensions after the batch one, e.g. --input-shape "
                        + example(rest));
            } else {
                shape[i + 1] = dim;
            }
        }
        return shape;
    }

    private String describe() {
        StringBuilder text = new StringBuilder("(declared [");
        for (int i = 0; i < declared.size(); i++) {
            text.append(i == 0 ? "" : ",").append(declared.get(i) == DYNAMIC ? "?" : declared.get(i).toString());
        }
        return text.append("])").toString();
    }

    private static String example(List<Long> rest) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rest.size(); i++) {
            text.append(i == 0 ? "" : ",").append(rest.get(i) == DYNAMIC ? "128" : rest.get(i).toString());
        }
        return text.toString();
    }
}
