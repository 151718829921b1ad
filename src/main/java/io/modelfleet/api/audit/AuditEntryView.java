package io.modelfleet.api.audit;

import java.time.OffsetDateTime;

/** An audit row as {@code GET /api/v1/audit} returns it. */
public record AuditEntryView(long id, OffsetDateTime at, String actor, String role, String method, String path,
        String resourceKind, String resourceName, String action, Long revisionBefore, Long revisionAfter,
        Integer status, Outcome outcome, String detail) {
}
