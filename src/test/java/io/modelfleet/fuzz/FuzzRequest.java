package io.modelfleet.fuzz;

import java.util.List;

/**
 * One generated request, enough to replay it by hand: method, raw (percent-encoded) path and query, content type,
 * body text, the role it was sent as, and what was mutated. {@code fault} names the field or parameter a mutation
 * made invalid for certain (a NUL, a lone surrogate, a wrong JSON type, an over-long text), null when the
 * mutation may or may not be valid.
 */
record FuzzRequest(String operation, String method, String rawPath, String rawQuery, String contentType,
        String body, Role role, String mutation, String fault) {

    enum Role { NONE, BAD_TOKEN, VIEWER, OPERATOR, ADMIN }

    static final List<String> WRITE_METHODS = List.of("POST", "PUT", "DELETE", "PATCH");

    boolean writes() {
        return WRITE_METHODS.contains(method);
    }

    String describe() {
        String shownBody = body == null ? "(none)" : body.length() > 2000 ? body.substring(0, 2000) + "... ("
                + body.length() + " chars)" : body;
        String shownPath = rawPath.length() > 400 ? rawPath.substring(0, 400) + "... (" + rawPath.length()
                + " chars)" : rawPath;
        return operation + " as " + role + " [" + mutation + "]\n  " + method + " " + shownPath
                + (rawQuery == null ? "" : "?" + rawQuery) + "\n  Content-Type: " + contentType + "\n  body: "
                + shownBody;
    }
}
