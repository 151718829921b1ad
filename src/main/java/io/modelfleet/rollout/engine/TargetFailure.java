package io.modelfleet.rollout.engine;

/**
 * A failure reaching or changing a target, typed by what the engine does about it: {@link Retryable} failures are
 * tried again with backoff (5xx, 409, 429, time-outs, connection resets); {@link Fatal} ones fail the step at once
 * (forbidden, invalid, ownership conflicts, a misconfigured or deleted target).
 */
public abstract sealed class TargetFailure extends RuntimeException {

    private final ReasonCode code;

    private TargetFailure(ReasonCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    public ReasonCode code() {
        return code;
    }

    public abstract boolean retryable();

    public static Retryable retryable(String detail, Throwable cause) {
        return new Retryable(detail, cause);
    }

    public static Fatal fatal(ReasonCode code, String detail) {
        return new Fatal(code, detail, null);
    }

    public static Fatal fatal(ReasonCode code, String detail, Throwable cause) {
        return new Fatal(code, detail, cause);
    }

    /** Worth another try: the same request may well succeed later. */
    public static final class Retryable extends TargetFailure {
        Retryable(String detail, Throwable cause) {
            super(ReasonCode.RETRYING, detail, cause);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** No retry will fix it; the step fails and its cluster rolls back. */
    public static final class Fatal extends TargetFailure {
        Fatal(ReasonCode code, String detail, Throwable cause) {
            super(code, detail, cause);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }
}
