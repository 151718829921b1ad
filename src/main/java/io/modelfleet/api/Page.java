package io.modelfleet.api;

import java.util.List;

/** One page of a list, ordered by name (or id); {@code total} counts all items. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
