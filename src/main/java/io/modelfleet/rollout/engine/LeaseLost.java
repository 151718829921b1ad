package io.modelfleet.rollout.engine;

/** This replica no longer holds the rollout's lease (it lapsed, or another replica or an admin took it): stop. */
public final class LeaseLost extends RuntimeException {

    public LeaseLost(String message) {
        super(message, null, false, false);
    }
}
