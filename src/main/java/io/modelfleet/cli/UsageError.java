package io.modelfleet.cli;

/** A mistake of the user's that no request would fix (a missing login, an unreadable file): exit status 2. */
public final class UsageError extends RuntimeException {

    public UsageError(String message) {
        super(message);
    }

    public UsageError(String message, Throwable cause) {
        super(message, cause);
    }
}
