package io.modelfleet.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by services for any request that cannot be honoured; mapped to a problem+json response. Each factory
 * names one kind of problem so that the {@code type} URI and status stay consistent across the API.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail) {
        return of("bad-request", "Bad request", 400, detail);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String fields = errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " problems in fields " + fields;
        return new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail,
                null, List.copyOf(errors)));
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return of("not-found", "Not found", 404, detail);
    }

    /** The caller's role may not do this; {@code detail} says why (a 403 with the same type as the generic one). */
    public static ProblemException forbidden(String detail) {
        return of("forbidden", "Forbidden", 403, detail);
    }

    public static ProblemException conflict(String detail) {
        return of("conflict", "Conflict", 409, detail);
    }

    public static ProblemException stale(String detail) {
        return of("precondition-failed", "Precondition failed", 412, detail);
    }

    /** A problem of a feature's own {@code type} (a path under the common type base) with located errors. */
    public static ProblemException located(String type, String title, int status, String detail,
            List<FieldError> errors) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + type, title, status, detail, null,
                List.copyOf(errors)));
    }

    private static ProblemException of(String type, String title, int status, String detail) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + type, title, status, detail, null, null));
    }
}
