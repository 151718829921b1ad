package io.modelfleet.api.audit;

/** What became of an audited request, from its status code. */
public enum Outcome {
    /** 2xx or 3xx: the change (if any) was made. */
    SUCCEEDED,
    /** 4xx: the request was refused and changed nothing. */
    REFUSED,
    /** 5xx: the server failed; the change may or may not have been made (each service's transaction decides). */
    FAILED;

    static Outcome of(int status) {
        if (status >= 500) {
            return FAILED;
        }
        return status >= 400 ? REFUSED : SUCCEEDED;
    }
}
