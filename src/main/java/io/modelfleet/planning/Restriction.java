package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.Variant;

/** Which options a solve may use: all for the plan, fewer for a baseline. */
@FunctionalInterface
interface Restriction {

    Restriction NONE = (variant, hardware, cluster) -> true;

    boolean allows(Variant variant, String hardware, String cluster);

    default boolean allows(Candidate c) {
        return allows(c.variant(), c.hardware().name(), c.pair().cluster());
    }

    default boolean allows(Option o, Pair pair) {
        return allows(o.variant(), o.hardware(), pair.cluster());
    }
}
