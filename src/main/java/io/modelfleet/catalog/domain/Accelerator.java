package io.modelfleet.catalog.domain;

/** The accelerator kind of a hardware profile; CPU means none. */
public enum Accelerator {
    NVIDIA_T4, AWS_INFERENTIA, AWS_INFERENTIA2, NVIDIA_A10G, NVIDIA_L4, CPU, FPGA;

    public boolean accelerated() {
        return this != CPU;
    }
}
