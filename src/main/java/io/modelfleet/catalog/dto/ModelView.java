package io.modelfleet.catalog.dto;

import java.time.OffsetDateTime;

public record ModelView(String name, String task, String accuracyMetric, long variantCount, long revision,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
