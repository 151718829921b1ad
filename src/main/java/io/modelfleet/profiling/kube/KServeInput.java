package io.modelfleet.profiling.kube;

import java.util.List;

/**
 * The input tensor the load generator sends in KServe v2 requests: its name, its shape without the batch
 * dimension, and its datatype (FP32, INT64, ...). The catalog does not know a model's inputs, so a run names it.
 */
public record KServeInput(String name, List<Integer> shape, String datatype) {

    public KServeInput {
        shape = List.copyOf(shape);
    }
}
