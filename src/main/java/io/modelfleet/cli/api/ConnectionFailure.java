package io.modelfleet.cli.api;

/** The control plane could not be reached: exit status {@link io.modelfleet.cli.ExitCodes#CONNECTION}. */
public final class ConnectionFailure extends RuntimeException {

    public ConnectionFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
