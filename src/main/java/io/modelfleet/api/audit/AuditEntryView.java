package io.modelfleet.api.audit;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An audit row as {@code GET /api/v1/audit} returns it. */
@Schema(requiredProperties = {"id", "at", "actor", "role", "method", "path", "resourceKind", "resourceName", "action",
        "revisionBefore", "revisionAfter", "status", "outcome", "detail"})
public record AuditEntryView(long id, OffsetDateTime at, @Schema(nullable = true) String actor,
        @Schema(nullable = true) String role, @Schema(nullable = true) String method,
        @Schema(nullable = true) String path,
        @Schema(nullable = true) String resourceKind, @Schema(nullable = true) String resourceName, String action,
        @Schema(nullable = true) Long revisionBefore, @Schema(nullable = true) Long revisionAfter,
        @Schema(nullable = true) Integer status, Outcome outcome, @Schema(nullable = true) String detail) {
}
