package io.modelfleet.catalog.domain;

/** How a variant was made smaller than the original model. */
public enum Compression {
    QUANTIZATION, PRUNING, DISTILLATION
}
