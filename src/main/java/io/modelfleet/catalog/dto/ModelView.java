package io.modelfleet.catalog.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;


@Schema(requiredProperties = {"name", "task", "accuracyMetric", "variantCount", "revision", "createdAt", "updatedAt"})
public record ModelView(String name, String task, String accuracyMetric, long variantCount, long revision,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
