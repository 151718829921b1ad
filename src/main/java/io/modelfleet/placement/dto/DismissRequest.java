package io.modelfleet.placement.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional body of a dismiss: why, for the people who read the recommendation later. */
public record DismissRequest(@Schema(nullable = true, maxLength = 500) String note) {
}
