package io.modelfleet.api.audit;

import io.modelfleet.api.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import java.time.OffsetDateTime;

/** Builds the row for one request from what the recorder saw; pure, so each rule is tested on its own. */
final class AuditEntries {

    private AuditEntries() {
    }

    /**
     * @param identity null when the request had none (401): actor and role are then null
     * @param revisionBefore the revision the service found, null when it found nothing (a create) or never looked
     */
    static AuditEntry of(OffsetDateTime at, String method, String path, int status, SecurityIdentity identity,
            Long revisionBefore, ResponseFacts response) {
        Outcome outcome = Outcome.of(status);
        AuditTarget target = AuditTarget.of(method, path);
        String name = target.name();
        String detail = null;
        if (response.location() != null) {
            AuditTarget created = AuditTarget.of("GET", response.location());
            if (name == null && created.name() != null && created.kind() != null
                    && created.kind().equals(target.kind())) {
                name = created.name();
            } else if (!response.location().equals(path)) {
                detail = "created " + response.location();
            }
        }
        if (response.problemType() != null) {
            detail = response.problemFields().isEmpty() ? response.problemType()
                    : response.problemType() + ": " + String.join(", ", response.problemFields());
        }
        // A refused request changed nothing: the revision after is the one before. A delete leaves none.
        Long revisionAfter = switch (outcome) {
            case REFUSED -> revisionBefore;
            case SUCCEEDED -> method.equals("DELETE") ? null : response.revision();
            case FAILED -> null;
        };
        return new AuditEntry(at, identity == null ? null : identity.getPrincipal().getName(), role(identity), method,
                path, target.kind(), name, target.action(), revisionBefore, revisionAfter, status, outcome, detail);
    }

    /** The highest role the identity holds, in the lower-case names the API uses. */
    static String role(SecurityIdentity identity) {
        if (identity == null) {
            return null;
        }
        for (String role : new String[] {Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME}) {
            if (identity.hasRole(role)) {
                return role;
            }
        }
        return null;
    }
}
