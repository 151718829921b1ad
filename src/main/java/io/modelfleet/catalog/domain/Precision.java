package io.modelfleet.catalog.domain;

/** Numeric precision a variant was exported in, and that hardware may run natively. */
public enum Precision {
    FP32, BF16, FP16, INT8
}
