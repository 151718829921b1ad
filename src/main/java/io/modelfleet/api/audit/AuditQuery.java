package io.modelfleet.api.audit;

import io.modelfleet.api.Violations;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The filters of {@code GET /api/v1/audit}, validated: {@code resource} is {@code kind} or {@code kind/name} (split
 * at the first '/', since variant and quota names contain one), {@code actor} a token name, {@code since}
 * (inclusive) and {@code until} (exclusive) ISO-8601 date-times with an offset. A bad value is a 400 naming the
 * parameter, before any SQL runs.
 */
record AuditQuery(String kind, String name, String actor, OffsetDateTime since, OffsetDateTime until) {

    static AuditQuery of(String resource, String actor, String since, String until) {
        Violations v = new Violations();
        String kind = null;
        String name = null;
        if (present(resource)) {
            text(v, "resource", resource, 64 + 1 + 512);
            int slash = resource.indexOf('/');
            kind = slash < 0 ? resource : resource.substring(0, slash);
            name = slash < 0 ? null : resource.substring(slash + 1);
            if (kind.isEmpty() || kind.length() > 64 || (name != null && (name.isEmpty() || name.length() > 512))) {
                v.add("resource", "must be kind or kind/name, such as cluster or cluster/prod-use1 (kind at most 64"
                        + " characters, name at most 512)");
            }
        }
        if (present(actor)) {
            text(v, "actor", actor, 200);
        }
        OffsetDateTime from = instant(v, "since", since);
        OffsetDateTime to = instant(v, "until", until);
        if (from != null && to != null && !to.isAfter(from)) {
            v.add("until", "must be after since (" + since + "), was " + until);
        }
        v.throwIfAny();
        return new AuditQuery(kind, name, present(actor) ? actor : null, from, to);
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    /** Refuses what PostgreSQL would (NUL, unpaired surrogates) and what no column could hold. */
    private static void text(Violations v, String parameter, String value, int maxLength) {
        if (value.length() > maxLength) {
            v.add(parameter, "must be at most " + maxLength + " characters, was " + value.length());
        } else if (!AuditText.clean(value, maxLength).equals(value)) {
            v.add(parameter, "must not contain NUL or unpaired surrogate characters");
        }
    }

    private static OffsetDateTime instant(Violations v, String parameter, String value) {
        if (!present(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            v.add(parameter, "must be an ISO-8601 date-time with an offset, such as 2026-01-31T12:00:00Z");
            return null;
        }
    }
}
