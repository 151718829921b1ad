package io.modelfleet.catalog.service;

import io.modelfleet.catalog.domain.PeakTeraOps;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.dto.HardwareProfileSpec;
import io.modelfleet.catalog.dto.HardwareProfileView;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.OfferingEntity;
import io.modelfleet.common.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Entity ↔ DTO for hardware profiles; entities never leave the service layer. */
public final class HardwareProfileMapper {

    static final String STATIC_PRICE = "STATIC";

    private HardwareProfileMapper() {
    }

    public static HardwareProfileView view(HardwareProfileEntity e) {
        return new HardwareProfileView(e.name, e.accelerator, e.acceleratorCount, e.acceleratorMemoryGiB,
                e.resourceName, e.vcpus, e.memoryGiB, List.copyOf(e.precisions), new TreeMap<>(e.nodeLabels),
                List.copyOf(e.taints), sortedOfferings(e).stream().map(o -> new HardwareProfileView.Offering(o.region,
                        o.capacityType, o.hourlyPriceUsd, o.priceSource, o.priceUpdatedAt, o.stale, o.available,
                        o.refreshError)).toList(),
                e.revision, e.createdAt, e.updatedAt, PeakTeraOps.ordered(e.peakTeraOps), e.memoryBandwidthGBps);
    }

    /** The spec an entity currently holds, normalized like an incoming one, for change detection. */
    public static HardwareProfileSpec spec(HardwareProfileEntity e) {
        return new HardwareProfileSpec(e.name, e.accelerator, e.acceleratorCount, e.acceleratorMemoryGiB,
                e.resourceName, e.vcpus, e.memoryGiB, List.copyOf(e.precisions), new TreeMap<>(e.nodeLabels),
                List.copyOf(e.taints), sortedOfferings(e).stream().map(o -> new HardwareProfileSpec.Offering(o.region,
                        o.capacityType, o.hourlyPriceUsd)).toList(),
                PeakTeraOps.ordered(e.peakTeraOps), e.memoryBandwidthGBps);
    }

    /**
     * Writes a normalized spec onto an entity. Offerings are updated in place by (region, capacity type) rather
     * than replaced, because Hibernate inserts before it deletes and the replacement would hit the unique key.
     */
    public static void apply(HardwareProfileSpec spec, HardwareProfileEntity e) {
        e.name = spec.name();
        e.accelerator = spec.accelerator();
        e.acceleratorCount = spec.acceleratorCount();
        e.acceleratorMemoryGiB = spec.acceleratorMemoryGiB();
        e.resourceName = spec.resourceName();
        e.vcpus = spec.vcpus();
        e.memoryGiB = spec.memoryGiB();
        e.precisions = new ArrayList<>(spec.precisions());
        e.nodeLabels = new TreeMap<>(spec.nodeLabels());
        e.taints = new ArrayList<>(spec.taints());
        e.peakTeraOps = new EnumMap<>(Precision.class);
        e.peakTeraOps.putAll(PeakTeraOps.ordered(spec.peakTeraOps()));
        e.memoryBandwidthGBps = spec.memoryBandwidthGBps();
        Map<String, OfferingEntity> existing = e.offerings.stream()
                .collect(Collectors.toMap(HardwareProfileMapper::key, Function.identity()));
        List<OfferingEntity> next = new ArrayList<>();
        for (HardwareProfileSpec.Offering o : spec.offerings()) {
            OfferingEntity entity = existing.remove(o.region() + "/" + o.capacityType());
            if (entity == null) {
                entity = new OfferingEntity();
                entity.profile = e;
                entity.region = o.region();
                entity.capacityType = o.capacityType();
            }
            if (entity.priceSource == null || entity.hourlyPriceUsd != o.hourlyPriceUsd()) {
                entity.hourlyPriceUsd = o.hourlyPriceUsd();
                entity.priceSource = STATIC_PRICE;
                entity.priceUpdatedAt = Clock.now();
                entity.stale = false;
                entity.refreshError = null;
            }
            next.add(entity);
        }
        e.offerings.removeIf(o -> existing.containsKey(key(o)));
        for (OfferingEntity o : next) {
            if (!e.offerings.contains(o)) {
                e.offerings.add(o);
            }
        }
        e.updatedAt = Clock.now();
    }

    /**
     * For bulk imports (profiles/ at startup): an offering whose price came from a live source keeps that
     * price; the file's static price is only the fallback for when AWS sync is off or has never run.
     */
    public static HardwareProfileSpec keepLivePrices(HardwareProfileSpec spec, HardwareProfileEntity e) {
        Map<String, OfferingEntity> live = e.offerings.stream().filter(o -> !STATIC_PRICE.equals(o.priceSource))
                .collect(Collectors.toMap(HardwareProfileMapper::key, Function.identity()));
        if (live.isEmpty()) {
            return spec;
        }
        List<HardwareProfileSpec.Offering> offerings = spec.offerings().stream().map(o -> {
            OfferingEntity current = live.get(o.region() + "/" + o.capacityType());
            return current == null ? o : new HardwareProfileSpec.Offering(o.region(), o.capacityType(),
                    current.hourlyPriceUsd);
        }).toList();
        return new HardwareProfileSpec(spec.name(), spec.accelerator(), spec.acceleratorCount(),
                spec.acceleratorMemoryGiB(), spec.resourceName(), spec.vcpus(), spec.memoryGiB(), spec.precisions(),
                spec.nodeLabels(), spec.taints(), offerings, spec.peakTeraOps(), spec.memoryBandwidthGBps());
    }

    private static String key(OfferingEntity o) {
        return o.region + "/" + o.capacityType;
    }

    private static List<OfferingEntity> sortedOfferings(HardwareProfileEntity e) {
        return e.offerings.stream().sorted((a, b) -> key(a).compareTo(key(b))).toList();
    }
}
