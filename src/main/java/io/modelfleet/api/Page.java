package io.modelfleet.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list, ordered by name (or id); {@code total} counts all items. */
@Schema(requiredProperties = {"items", "page", "size", "total"})
public record Page<T>(List<T> items, int page, int size, long total) {
}
