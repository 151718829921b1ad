package io.modelfleet.catalog.service;

import io.modelfleet.api.Labels;
import io.modelfleet.api.Names;
import io.modelfleet.api.Violations;
import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.PeakTeraOps;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import io.modelfleet.catalog.dto.HardwareProfileSpec;
import io.modelfleet.planning.PlanningBounds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a hardware profile spec and returns it normalized (defaults filled in, lists in a canonical order), so
 * that two specs meaning the same thing compare equal and an identical re-load writes nothing.
 */
public final class HardwareProfileRules {

    static final String INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

    static final int MAX_LABELS = 64;
    static final int MAX_TAINTS = 64;
    static final int MAX_OFFERINGS = 256;
    /**
     * Dense tera-operations per second of one node. The largest GPU nodes are in the tens of thousands; a figure
     * beyond a million is a unit mistake (giga- or plain operations given as tera-operations), not hardware.
     */
    static final double MAX_PEAK_TERA_OPS = 1_000_000;
    /** GB/s of one node's memory: tens of thousands at most today; beyond a million is a unit mistake. */
    static final double MAX_MEMORY_BANDWIDTH_GBPS = 1_000_000;

    private HardwareProfileRules() {
    }

    public static HardwareProfileSpec normalize(String name, HardwareProfileSpec spec) {
        Violations v = new Violations();
        if (spec == null) {
            v.add("body", "is required").throwIfAny();
        }
        Names.check(v, "name", name);
        if (v.required("accelerator", spec.accelerator())) {
            checkAccelerator(v, spec);
        }
        v.positiveAtMost("vcpus", spec.vcpus(), PlanningBounds.MAX_VCPUS_PER_NODE);
        v.positiveAtMost("memoryGiB", spec.memoryGiB(), PlanningBounds.MAX_MEMORY_GIB_PER_NODE);
        if (v.required("precisions", spec.precisions())) {
            checkNoDuplicates(v, "precisions", spec.precisions());
        }
        List<Taint> taints = spec.taints() == null ? List.of() : spec.taints();
        if (v.maxSize("taints", taints, MAX_TAINTS)) {
            for (int i = 0; i < taints.size(); i++) {
                Taint taint = taints.get(i);
                if (v.required("taints[" + i + "]", taint)) {
                    Labels.key(v, "taints[" + i + "].key", taint.key());
                    Labels.value(v, "taints[" + i + "].value", taint.value());
                    v.required("taints[" + i + "].effect", taint.effect());
                }
            }
        }
        List<HardwareProfileSpec.Offering> offerings = spec.offerings() == null ? List.of() : spec.offerings();
        if (v.maxSize("offerings", offerings, MAX_OFFERINGS)) {
            checkOfferings(v, offerings);
        }
        // The default label needs the name; without one, "name is required" is already reported above.
        Map<String, String> labels = spec.nodeLabels() != null && !spec.nodeLabels().isEmpty() ? spec.nodeLabels()
                : name == null ? Map.of() : Map.of(INSTANCE_TYPE_LABEL, name);
        if (v.maxSize("nodeLabels", labels, MAX_LABELS)) {
            labels.forEach((key, value) -> {
                if (key == null || key.isBlank() || value == null) {
                    v.add("nodeLabels", "keys and values must be non-empty strings");
                } else {
                    Labels.key(v, "nodeLabels." + shown(key), key);
                    Labels.value(v, "nodeLabels." + shown(key), value);
                }
            });
        }
        Map<Precision, Double> peaks = spec.peakTeraOps() == null ? Map.of() : spec.peakTeraOps();
        checkPeaks(v, peaks, spec.precisions());
        v.positiveAtMostIfPresent("memoryBandwidthGBps", spec.memoryBandwidthGBps(), MAX_MEMORY_BANDWIDTH_GBPS);
        v.throwIfAny();
        boolean accelerated = spec.accelerator().accelerated();
        return new HardwareProfileSpec(name, spec.accelerator(),
                accelerated ? spec.acceleratorCount() : 0,
                accelerated ? spec.acceleratorMemoryGiB() : 0.0,
                accelerated ? spec.resourceName() : null,
                spec.vcpus(), spec.memoryGiB(),
                spec.precisions().stream().sorted().toList(),
                new TreeMap<>(labels),
                List.copyOf(taints),
                offerings.stream().sorted(Comparator.comparing(HardwareProfileSpec.Offering::region)
                        .thenComparing(HardwareProfileSpec.Offering::capacityType)).toList(),
                PeakTeraOps.ordered(peaks), spec.memoryBandwidthGBps());
    }

    /**
     * A peak is only meaningful for a precision the profile runs natively: the planner never places another, so a
     * peak for one would be a typo or a copy from the wrong profile. Each value is a finite, positive figure.
     */
    private static void checkPeaks(Violations v, Map<Precision, Double> peaks, List<Precision> nativePrecisions) {
        if (nativePrecisions == null || nativePrecisions.isEmpty()) {
            return; // "precisions is required" is reported already; which keys are wrong cannot be told
        }
        // In precision order, so that the errors come in the same order whatever order the body had.
        PeakTeraOps.ordered(peaks).forEach((precision, value) -> {
            String field = "peakTeraOps." + precision;
            if (!nativePrecisions.contains(precision)) {
                v.add(field, "is not a precision this profile runs natively; it runs " + String.join(", ",
                        nativePrecisions.stream().filter(p -> p != null).map(Enum::name).toList()));
            } else {
                v.positiveAtMost(field, value, MAX_PEAK_TERA_OPS);
            }
        });
    }

    private static void checkAccelerator(Violations v, HardwareProfileSpec spec) {
        if (spec.accelerator() == Accelerator.CPU) {
            if (spec.acceleratorCount() != null && spec.acceleratorCount() != 0) {
                v.add("acceleratorCount", "must be 0 or absent for CPU-only hardware, was " + spec.acceleratorCount());
            }
            if (spec.resourceName() != null && !spec.resourceName().isBlank()) {
                v.add("resourceName", "must be absent for CPU-only hardware (no extended resource to request)");
            }
            return;
        }
        v.positiveAtMost("acceleratorCount", spec.acceleratorCount(), PlanningBounds.MAX_ACCELERATORS_PER_NODE);
        v.positiveAtMost("acceleratorMemoryGiB", spec.acceleratorMemoryGiB(), PlanningBounds.MAX_ACCELERATOR_MEMORY_GIB);
        if (v.required("resourceName", spec.resourceName())) {
            v.pattern("resourceName", spec.resourceName(), 253, "([a-z0-9.-]+/)?[A-Za-z0-9._-]+",
                    "must be a Kubernetes extended resource name such as nvidia.com/gpu");
        }
    }

    private static void checkOfferings(Violations v, List<HardwareProfileSpec.Offering> offerings) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < offerings.size(); i++) {
            String field = "offerings[" + i + "]";
            HardwareProfileSpec.Offering offering = offerings.get(i);
            if (!v.required(field, offering)) {
                continue;
            }
            Names.region(v, field + ".region", offering.region());
            v.required(field + ".capacityType", offering.capacityType());
            v.positiveAtMost(field + ".hourlyPriceUsd", offering.hourlyPriceUsd(), PlanningBounds.MAX_HOURLY_PRICE_USD);
            if (!seen.add(offering.region() + "/" + offering.capacityType())) {
                v.add(field, "duplicates the offering for " + offering.region() + " " + offering.capacityType());
            }
        }
    }

    /** A label key as part of a field path: short keys as they are, long ones cut so the message stays short. */
    private static String shown(String key) {
        return key.length() <= 80 ? key : key.substring(0, 80) + "...";
    }

    static <T> void checkNoDuplicates(Violations v, String field, List<T> values) {
        Set<T> seen = new HashSet<>();
        List<T> duplicates = new ArrayList<>();
        for (T value : values) {
            if (value == null) {
                v.add(field, "must not contain null");
            } else if (!seen.add(value)) {
                duplicates.add(value);
            }
        }
        if (!duplicates.isEmpty()) {
            v.add(field, "lists " + duplicates + " more than once");
        }
    }

    /** The message users see when a variant's precision is not native to a hardware profile. */
    public static String notNative(String hardware, Precision precision, List<Precision> native_) {
        return "hardware '" + hardware + "' does not run " + precision + " natively; it runs "
                + String.join(", ", native_.stream().map(Enum::name).toList());
    }
}
