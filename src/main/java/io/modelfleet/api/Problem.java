package io.modelfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, sent as {@code application/problem+json}. {@code errors} lists the offending
 * fields of a validation failure; it is absent for other problems.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://modelfleet.io/problems/";

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
