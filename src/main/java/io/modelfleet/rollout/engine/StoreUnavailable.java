package io.modelfleet.rollout.engine;

/**
 * PostgreSQL could not be reached in the middle of a transition (a restart, a failover). Not a failure of the
 * target: nothing is committed, the pass ends, and the next tick decides again from what is stored.
 */
public final class StoreUnavailable extends RuntimeException {

    public StoreUnavailable(Throwable cause) {
        super("the rollout store is unavailable: " + cause, cause);
    }
}
