package io.modelfleet.profiling.domain;

/**
 * A profiling run's life (design 007, "Profiling run states"): PENDING until its Job is applied (or its manifest
 * written on a GITOPS cluster), RUNNING while it measures, then SUCCEEDED (its rows were ingested), FAILED (the Job
 * failed, or its results were missing, malformed or refused), TIMED_OUT (no outcome within the run's timeout; the
 * Job is deleted) or CANCELLED. The last four are terminal, and only SUCCEEDED adds rows (B5).
 */
public enum ProfilingState {
    PENDING, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED;

    public boolean terminal() {
        return this != PENDING && this != RUNNING;
    }
}
