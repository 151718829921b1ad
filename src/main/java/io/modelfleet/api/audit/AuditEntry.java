package io.modelfleet.api.audit;

import java.time.OffsetDateTime;

/**
 * One row of the audit log as it is written. {@code method}, {@code path} and {@code status} are null for actions
 * the engine takes on its own; {@code actor} is null when a request carried no identity that could be resolved.
 */
public record AuditEntry(OffsetDateTime at, String actor, String role, String method, String path,
        String resourceKind, String resourceName, String action, Long revisionBefore, Long revisionAfter,
        Integer status, Outcome outcome, String detail) {

    /** Something the rollout engine did by itself (a RETIREMENT rollout it started), recorded under its own actor. */
    public static AuditEntry engineAction(OffsetDateTime at, String actor, String resourceKind, String resourceName,
            String action, String detail) {
        return new AuditEntry(at, actor, null, null, null, resourceKind, resourceName, action, null, null, null,
                Outcome.SUCCEEDED, detail);
    }
}
