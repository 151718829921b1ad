package io.modelfleet.planning.snapshot;

/**
 * Accelerator units, millicores and MiB: integers, so the solver's packing arithmetic is exact and the three
 * quantities cannot be swapped for one another by accident.
 */
public record Resources(long accelerators, long millicores, long mebibytes) {

    public static Resources of(int accelerators, double vcpus, double memoryGiB) {
        return new Resources(accelerators, Math.round(vcpus * 1000), Math.round(memoryGiB * 1024));
    }

    public boolean fitsIn(Resources capacity) {
        return accelerators <= capacity.accelerators && millicores <= capacity.millicores
                && mebibytes <= capacity.mebibytes;
    }

    /** How many of these fit on one node of the given capacity, looking at each dimension. */
    public long perNode(Resources capacity) {
        long fit = Long.MAX_VALUE;
        if (accelerators > 0) {
            fit = Math.min(fit, capacity.accelerators / accelerators);
        }
        if (millicores > 0) {
            fit = Math.min(fit, capacity.millicores / millicores);
        }
        if (mebibytes > 0) {
            fit = Math.min(fit, capacity.mebibytes / mebibytes);
        }
        return fit == Long.MAX_VALUE ? 0 : fit;
    }

    public long[] asArray() {
        return new long[] {accelerators, millicores, mebibytes};
    }
}
