package io.modelfleet.loadgen;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The tensor element types the load generator can feed, with their KServe v2 datatype names and sizes. Strings
 * ({@code BYTES}) are left out on purpose: a random string is not a meaningful input to any model.
 */
enum ElementType {
    FP32("FP32", 4),
    FP64("FP64", 8),
    FP16("FP16", 2),
    BF16("BF16", 2),
    INT8("INT8", 1),
    UINT8("UINT8", 1),
    INT16("INT16", 2),
    INT32("INT32", 4),
    INT64("INT64", 8),
    BOOL("BOOL", 1);

    private final String kserveName;
    private final int bytes;

    ElementType(String kserveName, int bytes) {
        this.kserveName = kserveName;
        this.bytes = bytes;
    }

    String kserveName() {
        return kserveName;
    }

    int bytes() {
        return bytes;
    }

    boolean floating() {
        return this == FP32 || this == FP64 || this == FP16 || this == BF16;
    }

    static ElementType ofKServeName(String argument, String name) {
        for (ElementType type : values()) {
            if (type.kserveName.equalsIgnoreCase(name.trim())) {
                return type;
            }
        }
        throw new UsageError(argument, "'" + name + "' is not a supported datatype; one of "
                + Arrays.stream(values()).map(ElementType::kserveName).collect(Collectors.joining(", ")));
    }
}
