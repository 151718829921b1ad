package io.modelfleet.crash;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell of the matrix: a scenario killed after one boundary (0: the baseline, never killed), and what the
 * rollout ended as, measured against the baseline.
 */
record Cell(Scenario scenario, int boundary, String transition, String status, boolean objectsSame,
        boolean lockReleased, String tightestCapacity, List<String> dips, Outcome outcome, String detail,
        double seconds, int transitions, double appStartSeconds) {

    /** A cell the harness could not run. */
    static Cell error(Scenario scenario, int boundary, String detail, double seconds) {
        return new Cell(scenario, boundary, "-", "-", false, false, "-", List.of(), Outcome.ERROR, detail, seconds, -1,
                0);
    }

    enum Outcome {
        /** Same terminal status and objects as the baseline, lock released, capacity never below the need. */
        OK,
        /** No terminal status within the bounded wait after the restart. */
        STUCK,
        /** The rollout ended before the failpoint's boundary: the kill never happened, so nothing was shown. */
        NOT_REACHED,
        WRONG_TERMINAL,
        WRONG_OBJECTS,
        LOCK_HELD,
        CAPACITY_DIP,
        /** An analyzed step lost a committed measurement, took one twice, or did not pass. */
        WRONG_ANALYSIS,
        /** The harness could not run the cell (a process did not start, the v1 rollout failed, ...). */
        ERROR
    }

    boolean ok() {
        return outcome == Outcome.OK;
    }

    private String boundaryLabel() {
        return boundary == 0 ? "baseline" : Integer.toString(boundary);
    }

    /** The cell's problems in the order they are judged; the first one is its outcome. */
    static List<Outcome> problems(String expectedStatus, String status, boolean objectsSame, boolean lockReleased,
            List<String> dips, String analysisProblem) {
        List<Outcome> problems = new ArrayList<>();
        if (!expectedStatus.equals(status)) {
            problems.add(Outcome.WRONG_TERMINAL);
        }
        if (!objectsSame) {
            problems.add(Outcome.WRONG_OBJECTS);
        }
        if (!lockReleased) {
            problems.add(Outcome.LOCK_HELD);
        }
        if (!dips.isEmpty()) {
            problems.add(Outcome.CAPACITY_DIP);
        }
        if (analysisProblem != null) {
            problems.add(Outcome.WRONG_ANALYSIS);
        }
        return problems;
    }

    String line() {
        if (outcome == Outcome.ERROR) {
            return String.format("%-16s %-8s %-34s -> %-14s %s", scenario.label(), boundaryLabel(), transition, outcome,
                    detail);
        }
        String what = boundary == 0 ? transitions + " transitions" : transition;
        return String.format("%-16s %-8s %-34s -> %-14s (%s, objects %s, lock %s, min capacity %s)%s",
                scenario.label(), boundaryLabel(), what, outcome, status,
                objectsSame ? "same" : "DIFFERENT", lockReleased ? "released" : "HELD", tightestCapacity,
                detail.isEmpty() ? "" : " " + detail);
    }
}
