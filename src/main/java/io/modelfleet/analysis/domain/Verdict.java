package io.modelfleet.analysis.domain;

/**
 * What one check, or one measurement (the worst of its checks), found. Declared from best to worst, so a
 * measurement's verdict is the maximum by {@link #ordinal()}: FAIL beats ERROR beats INCONCLUSIVE beats PASS beats
 * NOT_APPLICABLE.
 */
public enum Verdict {
    /**
     * The runtime does not export what this check needs (KServe's model server counts no request outcomes), and
     * the check says so; the measurement is judged on its other checks, never on this one. Only a check that
     * declares how it can be absent gets this verdict; a measurement is never NOT_APPLICABLE as a whole, since its
     * requests check always applies.
     */
    NOT_APPLICABLE,
    /** The value was measured and met its limit. */
    PASS,
    /** Nothing to judge: no series, NaN or infinite, or fewer requests than the minimum. Never counts as a pass. */
    INCONCLUSIVE,
    /** The query itself failed: unreachable, timed out, an error answer or one that could not be read. */
    ERROR,
    /** The value was measured and broke its limit. */
    FAIL;

    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
