package io.modelfleet.plans;

import io.modelfleet.planning.Deadline;
import java.time.Duration;

/**
 * The planner's share of a request's {@code timeLimitSeconds} (design 004, I4): 90%. The rest is for what follows
 * the planner — explaining 1,000 pairs, writing the plan and its option rows, serialising the answer — which took
 * about 5 s of a 60 s request for 1,000 pairs (docs/planning.md), so the whole request ends within its limit plus
 * the planner's grace (min(1 s, 2% of the limit)). The caller takes it when the request arrives.
 */
final class PlanDeadlines {

    static final double PLANNER_SHARE = 0.9;

    private PlanDeadlines() {
    }

    static Deadline forPlanner(double timeLimitSeconds) {
        return Deadline.in(Duration.ofMillis(Math.round(timeLimitSeconds * PLANNER_SHARE * 1000)));
    }
}
