package io.modelfleet.profiling.service;

import io.modelfleet.api.Names;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Violations;
import io.modelfleet.planning.PlanningBounds;
import io.modelfleet.profiling.domain.OperatingGrid;
import io.modelfleet.profiling.dto.ProfilingRunRequest;
import io.modelfleet.profiling.kube.KServeInput;
import io.modelfleet.profiling.kube.ProfilingJobRenderer;
import io.modelfleet.profiling.repository.FleetPools;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a profiling request may ask for, checked before anything is read or written: every bad field named in one
 * 400. The per-replica figures are checked again against each hardware profile the request resolves to
 * ({@link #perReplica}), since one request may cover several.
 */
final class ProfilingRequestRules {

    static final List<Integer> DEFAULT_BATCH_SIZES = List.of(1, 8);
    static final List<Integer> DEFAULT_CONCURRENCIES = List.of(1, 4);
    static final int DEFAULT_DURATION_SECONDS = 30;
    static final int DEFAULT_TIMEOUT_SECONDS = 1800;
    static final int MAX_POINTS_PER_LIST = 16;
    static final int MAX_BATCH_SIZE = 4096;
    static final int MAX_CONCURRENCY = 1024;
    static final int MAX_DURATION_SECONDS = 3600;
    static final int MIN_TIMEOUT_SECONDS = 60;
    /**
     * The load generator's unmeasured warmup before each point: its --warmup default (docs/loadgen.md), which the
     * Job does not override.
     */
    static final int LOADGEN_WARMUP_SECONDS = 2;
    /** Time the pod takes before the first point: scheduling, pulling images, the model server loading the model. */
    static final int STARTUP_ALLOWANCE_SECONDS = 120;
    static final int MAX_TIMEOUT_SECONDS = 86_400;
    /** The KServe v2 datatypes the load generator can send (docs/loadgen.md); others would fail the Job later. */
    static final Set<String> DATATYPES = Set.of("BOOL", "UINT8", "INT8", "INT16", "INT32", "INT64", "FP16", "BF16",
            "FP32", "FP64");

    /** A request with its defaults applied; per-replica figures stay null where the hardware decides them. */
    record Normalized(String hardware, String cluster, OperatingGrid grid, int durationSeconds, int timeoutSeconds,
            Integer acceleratorsPerReplica, Double vcpusPerReplica, Double memoryGiBPerReplica, KServeInput input) {

        boolean allNative() {
            return ProfilingRunRequest.ALL_NATIVE.equals(hardware);
        }
    }

    /** What one replica gets on one hardware profile. */
    record PerReplica(int accelerators, double vcpus, double memoryGiB) {
    }

    private ProfilingRequestRules() {
    }

    static Normalized normalize(ProfilingRunRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("a profiling run needs a JSON body naming at least its hardware");
        }
        Violations v = new Violations();
        if (!ProfilingRunRequest.ALL_NATIVE.equals(r.hardware())) {
            Names.check(v, "hardware", r.hardware());
        }
        if (r.cluster() != null) {
            Names.check(v, "cluster", r.cluster());
        }
        List<Integer> batchSizes = list(v, "batchSizes", r.batchSizes(), DEFAULT_BATCH_SIZES, MAX_BATCH_SIZE);
        List<Integer> concurrencies = list(v, "concurrencies", r.concurrencies(), DEFAULT_CONCURRENCIES,
                MAX_CONCURRENCY);
        int duration = r.durationSeconds() == null ? DEFAULT_DURATION_SECONDS : r.durationSeconds();
        v.range("durationSeconds", duration, 1, MAX_DURATION_SECONDS);
        int timeout = r.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : r.timeoutSeconds();
        v.range("timeoutSeconds", timeout, MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS);
        OperatingGrid grid = new OperatingGrid(batchSizes, concurrencies);
        long needed = STARTUP_ALLOWANCE_SECONDS + grid.measuringSeconds(duration + LOADGEN_WARMUP_SECONDS);
        if (v.isEmpty() && timeout <= needed) {
            v.add("timeoutSeconds", "must be more than the " + needed + " s the run needs (" + STARTUP_ALLOWANCE_SECONDS
                    + " s for the model server to start, then " + grid.points().size() + " points x ("
                    + LOADGEN_WARMUP_SECONDS + " s warmup + " + duration + " s)), was " + timeout);
        }
        v.rangeIfPresent("acceleratorsPerReplica", r.acceleratorsPerReplica(), 0,
                PlanningBounds.MAX_ACCELERATORS_PER_NODE);
        v.positiveAtMostIfPresent("vcpusPerReplica", r.vcpusPerReplica(), PlanningBounds.MAX_VCPUS_PER_NODE);
        v.positiveAtMostIfPresent("memoryGiBPerReplica", r.memoryGiBPerReplica(),
                PlanningBounds.MAX_MEMORY_GIB_PER_NODE);
        KServeInput input = input(v, r.input());
        if (input != null && v.isEmpty()) {
            requestSize(v, input, batchSizes);
        }
        v.throwIfAny();
        return new Normalized(r.hardware(), r.cluster(), grid, duration, timeout, r.acceleratorsPerReplica(),
                r.vcpusPerReplica(), r.memoryGiBPerReplica(), input);
    }

    /**
     * The per-replica figures on one profile: the request's, else the catalog's defaults (one accelerator on
     * accelerated hardware, none on CPU; 1 vCPU; 1 GiB). One replica and the load generator must fit one node.
     */
    static PerReplica perReplica(Normalized n, FleetPools.Hardware h, Violations v) {
        boolean accelerated = h.accelerator().accelerated();
        int accelerators = n.acceleratorsPerReplica() != null ? n.acceleratorsPerReplica() : accelerated ? 1 : 0;
        double vcpus = n.vcpusPerReplica() != null ? n.vcpusPerReplica() : 1.0;
        double memory = n.memoryGiBPerReplica() != null ? n.memoryGiBPerReplica() : 1.0;
        if (!accelerated && accelerators != 0) {
            v.add("acceleratorsPerReplica", "must be 0 on CPU-only hardware '" + h.name() + "', was "
                    + accelerators);
        } else if (accelerated && (accelerators < 1 || accelerators > h.acceleratorCount())) {
            v.add("acceleratorsPerReplica", "must be between 1 and the " + h.acceleratorCount() + " "
                    + h.resourceName() + " of one '" + h.name() + "' node, was " + accelerators);
        }
        if (vcpus + ProfilingJobRenderer.LOADGEN_VCPUS > h.vcpus()) {
            v.add("vcpusPerReplica", "must leave " + ProfilingJobRenderer.LOADGEN_VCPUS + " of the " + h.vcpus()
                    + " vCPUs of one '" + h.name() + "' node to the load generator, was " + vcpus);
        }
        // The load generator's memory grows with the request bodies it builds (ProfilingJobRenderer).
        double loadgenGiB = ProfilingJobRenderer.loadgenMemoryMiB(n.input().shape(), n.grid().batchSizes()) / 1024.0;
        if (memory + loadgenGiB > h.memoryGiB()) {
            v.add("memoryGiBPerReplica", "must leave " + String.format(java.util.Locale.ROOT, "%.3f", loadgenGiB)
                    + " of the " + h.memoryGiB() + " GiB of one '" + h.name() + "' node to the load generator"
                    + " (for this input and batch size), was " + memory);
        }
        return new PerReplica(accelerators, vcpus, memory);
    }

    private static List<Integer> list(Violations v, String field, List<Integer> values, List<Integer> fallback,
            int max) {
        if (values == null) {
            return fallback;
        }
        if (values.isEmpty()) {
            v.add(field, "must name at least one value; leave it out for " + fallback);
            return fallback;
        }
        if (!v.maxSize(field, values, MAX_POINTS_PER_LIST)) {
            return fallback;
        }
        Set<Integer> seen = new HashSet<>();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Integer value = values.get(i);
            String at = field + "[" + i + "]";
            if (value == null || value < 1 || value > max) {
                v.add(at, "must be between 1 and " + max + ", was " + value);
            } else if (!seen.add(value)) {
                v.add(at, "repeats " + value);
            } else {
                out.add(value);
            }
        }
        return out.stream().sorted().toList();
    }

    private static KServeInput input(Violations v, ProfilingRunRequest.Input input) {
        if (input == null) {
            v.add("input", "is required: the KServe v2 input tensor the load generator sends, e.g. {\"name\": \"x\","
                    + " \"shape\": [3, 224, 224], \"datatype\": \"FP32\"}");
            return null;
        }
        v.requiredText("input.name", input.name(), 253);
        List<Integer> shape = input.shape();
        if (shape == null || shape.isEmpty()) {
            v.add("input.shape", "is required: the input's dimensions without the batch dimension, e.g. [3, 224, 224]");
        } else if (v.maxSize("input.shape", shape, 8)) {
            for (int i = 0; i < shape.size(); i++) {
                if (shape.get(i) == null || shape.get(i) < 1 || shape.get(i) > 1_000_000) {
                    v.add("input.shape[" + i + "]", "must be between 1 and 1000000, was " + shape.get(i));
                }
            }
        }
        if (v.required("input.datatype", input.datatype()) && !DATATYPES.contains(input.datatype())) {
            v.add("input.datatype", "must be a KServe v2 datatype (" + String.join(", ", DATATYPES.stream()
                    .sorted().toList()) + "), was '" + shorten(input.datatype()) + "'");
        }
        return v.isEmpty() ? new KServeInput(input.name(), shape, input.datatype()) : null;
    }

    /** A request body of more values than this would not be a KServe JSON request anyone serves. */
    private static void requestSize(Violations v, KServeInput input, List<Integer> batchSizes) {
        long values = ProfilingJobRenderer.valuesPerRequest(input.shape(), batchSizes);
        if (values > ProfilingJobRenderer.MAX_VALUES_PER_REQUEST) {
            v.add("input.shape", "times the largest batch size (" + java.util.Collections.max(batchSizes)
                    + ") is " + values + " values per request, more than the "
                    + ProfilingJobRenderer.MAX_VALUES_PER_REQUEST + " (2^26) a KServe v2 JSON request may carry");
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
