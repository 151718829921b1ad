package io.modelfleet.cli.api;

import java.util.List;

/**
 * An RFC 9457 problem the API answered (or, for a body that is not one, what the status says), with the fields it
 * names: printed as the error, exit status {@link io.modelfleet.cli.ExitCodes#API_ERROR}.
 */
public final class ApiProblem extends RuntimeException {

    /** One field the problem names, with what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;

    public ApiProblem(int status, String title, String detail, List<FieldError> errors) {
        super(status + " " + title + ": " + detail);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
