package io.modelfleet.cli;

/**
 * The CLI's exit statuses, one per kind of outcome, so scripts can tell a typo from a refused request from a server
 * that is down (docs/cli.md lists them).
 */
public final class ExitCodes {

    /** The command did what it was asked; a watched rollout SUCCEEDED. */
    public static final int OK = 0;
    /** The command ran, but what it followed did not succeed: a rollout rolled back, was aborted or failed, a plan job failed. */
    public static final int NOT_SUCCEEDED = 1;
    /** Bad arguments, an unreadable file, or no login yet: nothing was sent. */
    public static final int USAGE = 2;
    /** The API answered with a problem (4xx or 5xx); its detail and fields were printed. */
    public static final int API_ERROR = 3;
    /** The control plane could not be reached (refused, unknown host, timeout, TLS). */
    public static final int CONNECTION = 4;
    /** A bug in the CLI itself (an unexpected exception). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
