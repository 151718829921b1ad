package io.modelfleet.catalog.domain;

/** A node taint that pods placed on the hardware must tolerate. */
public record Taint(String key, String value, TaintEffect effect) {
}
