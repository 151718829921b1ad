package io.modelfleet.rollout.mock;

/** A pod as the test controller keeps it: when it was created, when it may become ready, and whether it is. */
final class SimulatedPod {

    final String name;
    final long sequence;
    final int createdPass;
    final int readyAtPass;
    private int readySincePass = -1;

    SimulatedPod(String name, long sequence, int createdPass, int readyAtPass) {
        this.name = name;
        this.sequence = sequence;
        this.createdPass = createdPass;
        this.readyAtPass = readyAtPass;
    }

    boolean ready() {
        return readySincePass >= 0;
    }

    int readySincePass() {
        return readySincePass;
    }

    void becomeReady(int pass) {
        readySincePass = pass;
    }
}
