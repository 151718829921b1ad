package io.modelfleet.analysis.domain;

/**
 * What one check, or one measurement (the worst of its checks), found. Declared from best to worst, so a
 * measurement's verdict is the maximum by {@link #ordinal()}: FAIL beats ERROR beats INCONCLUSIVE beats PASS.
 */
public enum Verdict {
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
