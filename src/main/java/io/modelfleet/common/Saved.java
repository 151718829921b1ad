package io.modelfleet.common;

/** The outcome of a create-or-replace: the stored representation and whether it was newly created. */
public record Saved<T>(T value, boolean created) {
}
