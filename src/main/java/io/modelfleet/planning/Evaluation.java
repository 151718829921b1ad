package io.modelfleet.planning;

import java.util.List;

/**
 * One evaluation of the fleet (design 006): every pair's proposal beside keeping what runs, and how much of the
 * work was reused from the previous evaluation ({@code unitsReused}) rather than solved again.
 */
public record Evaluation(List<PairOutcome> pairs, int unitsSolved, int unitsReused, long millis) {

    public Evaluation {
        pairs = List.copyOf(pairs);
    }
}
