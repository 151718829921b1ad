package io.modelfleet.loadgen;

/**
 * The load generator's exit statuses. A Kubernetes Job fails on any non-zero status; the profiling run tells the
 * causes apart from the status and the last stderr lines (docs/loadgen.md lists them).
 */
public final class ExitCodes {

    /** Every point was measured and no point failed more than 1% of its requests. */
    public static final int OK = 0;
    /** The target could not be used: the model did not load, the server was never ready, the output not written. */
    public static final int TARGET_FAILED = 1;
    /** Bad arguments (or a model the arguments cannot feed): nothing was measured. */
    public static final int USAGE = 2;
    /** The document was printed, but a point failed more than {@link ResultDocument#MAX_ERROR_RATE} of its requests. */
    public static final int TOO_MANY_ERRORS = 3;

    private ExitCodes() {
    }
}
