package io.modelfleet.analysis.domain;

import java.util.Locale;

/** Which runtime's query templates a step's analysis uses. */
public final class RuntimeChoice {

    private RuntimeChoice() {
    }

    /**
     * The deployment's {@code analysis.runtime} when it sets one; else from the variant: an image naming
     * {@code tritonserver} or the format TENSORRT is TRITON, an image naming {@code kserve} is KSERVE, anything
     * else OPENMETRICS.
     */
    public static QueryRuntime of(String image, String format, QueryRuntime explicit) {
        if (explicit != null) {
            return explicit;
        }
        String img = image == null ? "" : image.toLowerCase(Locale.ROOT);
        if (img.contains("tritonserver") || "TENSORRT".equalsIgnoreCase(format)) {
            return QueryRuntime.TRITON;
        }
        if (img.contains("kserve")) {
            return QueryRuntime.KSERVE;
        }
        return QueryRuntime.OPENMETRICS;
    }
}
