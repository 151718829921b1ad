package io.modelfleet.api;

import io.modelfleet.api.audit.AuditRevisions;
import jakarta.ws.rs.core.EntityTag;
import java.util.Optional;

/**
 * Optimistic concurrency over HTTP. Every resource carries a {@code revision} (its JPA version) that is also its
 * strong ETag; {@code If-Match} with another revision is refused with 412 before anything is written, and a
 * concurrent writer that slipped in between read and write is caught by the version check at flush time.
 */
public final class Revisions {

    private Revisions() {
    }

    public static EntityTag etag(long revision) {
        return new EntityTag(Long.toString(revision));
    }

    /** Parsed {@code If-Match}: empty when absent or {@code *}. */
    public static Optional<Long> ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must be an ETag returned by this API, such as \"3\"; was "
                    + header);
        }
    }

    /** Throws 412 when the client's revision is not the stored one; the stored one is noted for the audit log. */
    public static void check(String what, String ifMatchHeader, long current) {
        AuditRevisions.noteBefore(current);
        ifMatch(ifMatchHeader).ifPresent(expected -> {
            if (expected != current) {
                throw ProblemException.stale(what + " is at revision " + current + ", not " + expected
                        + " as If-Match expects; read it again and retry");
            }
        });
    }

    /** If-Match on a resource that does not exist fails too (RFC 9110 §13.1.1). */
    public static void checkAbsent(String what, String ifMatchHeader) {
        if (ifMatchHeader != null && !ifMatchHeader.isBlank()) {
            throw ProblemException.stale(what + " does not exist, so If-Match cannot match");
        }
    }
}
