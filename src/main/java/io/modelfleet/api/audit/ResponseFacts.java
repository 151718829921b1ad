package io.modelfleet.api.audit;

import io.modelfleet.api.FieldError;
import io.modelfleet.api.Problem;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What the audit row takes from a response: the revision its ETag carries, the path its Location names, and for a
 * problem document its type and the fields at fault. Never the body itself (a created token's secret is in it).
 *
 * @param revision null without a numeric ETag
 * @param location the path of the Location header, null without one
 * @param problemType the last segment of the problem's type URI, such as {@code validation}; null for success
 * @param problemFields the fields a validation problem names, empty otherwise
 */
record ResponseFacts(Long revision, String location, String problemType, List<String> problemFields) {

    static final ResponseFacts NONE = new ResponseFacts(null, null, null, List.of());

    static ResponseFacts of(ContainerResponseContext response) {
        if (response == null) {
            return NONE;
        }
        URI location = response.getLocation();
        String problemType = null;
        List<String> fields = List.of();
        if (response.getEntity() instanceof Problem problem) {
            problemType = problem.type() == null ? null : problem.type().substring(problem.type().lastIndexOf('/') + 1);
            fields = problem.errors() == null ? List.of()
                    : problem.errors().stream().map(FieldError::field).filter(Objects::nonNull).distinct().toList();
        }
        return new ResponseFacts(revision(response.getEntityTag()), location == null ? null : location.getRawPath(),
                problemType, fields);
    }

    private static Long revision(EntityTag tag) {
        if (tag == null) {
            return null;
        }
        try {
            return Long.parseLong(tag.getValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
