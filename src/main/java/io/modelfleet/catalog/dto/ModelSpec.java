package io.modelfleet.catalog.dto;

/** A model family as a client sends it; the accuracy metric is the unit of every variant's accuracy. */
public record ModelSpec(String name, String task, String accuracyMetric) {
}
