package io.modelfleet.catalog.domain;

/** How capacity is bought: on demand, or spot (cheaper, can be reclaimed). */
public enum CapacityType {
    ON_DEMAND, SPOT
}
