package io.modelfleet.planning;

import io.modelfleet.catalog.domain.CapacityType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * EC2 vCPU quota codes (reference/hardware.md §4) and which instance families each covers. The family is the
 * letters before the instance type's generation digit: g4dn.xlarge → g, inf2.xlarge → inf, c7i → c.
 */
public final class QuotaCodes {

    /** What a quota code limits. */
    public record Limit(String code, String name, String quotaClass, CapacityType capacityType) {
    }

    public static final Map<String, Limit> BY_CODE = Map.of(
            "L-1216C47A", new Limit("L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
                    "STANDARD", CapacityType.ON_DEMAND),
            "L-DB2E81BA", new Limit("L-DB2E81BA", "Running On-Demand G and VT instances", "G_VT",
                    CapacityType.ON_DEMAND),
            "L-1945791B", new Limit("L-1945791B", "Running On-Demand Inf instances", "INF", CapacityType.ON_DEMAND),
            "L-74FC7D96", new Limit("L-74FC7D96", "Running On-Demand F instances", "F", CapacityType.ON_DEMAND),
            "L-417A185B", new Limit("L-417A185B", "Running On-Demand P instances", "P", CapacityType.ON_DEMAND),
            "L-34B43A08", new Limit("L-34B43A08", "All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests",
                    "STANDARD", CapacityType.SPOT),
            "L-3819A6DF", new Limit("L-3819A6DF", "All G and VT Spot Instance Requests", "G_VT", CapacityType.SPOT),
            "L-B5D1601B", new Limit("L-B5D1601B", "All Inf Spot Instance Requests", "INF", CapacityType.SPOT),
            "L-88CF9481", new Limit("L-88CF9481", "All F Spot Instance Requests", "F", CapacityType.SPOT));

    private QuotaCodes() {
    }

    /** The quota class of an instance type, empty for families no known quota covers. */
    public static Optional<String> quotaClass(String instanceType) {
        String family = instanceType.toLowerCase(Locale.ROOT).replaceAll("^([a-z-]+?)\\d.*$", "$1");
        return switch (family) {
            case "a", "c", "d", "h", "i", "m", "r", "t", "z" -> Optional.of("STANDARD");
            case "g", "vt" -> Optional.of("G_VT");
            case "inf" -> Optional.of("INF");
            case "f" -> Optional.of("F");
            case "p" -> Optional.of("P");
            default -> Optional.empty();
        };
    }

    public static boolean covers(String code, String instanceType, CapacityType capacityType) {
        Limit limit = BY_CODE.get(code);
        return limit != null && limit.capacityType() == capacityType
                && quotaClass(instanceType).map(limit.quotaClass()::equals).orElse(false);
    }
}
