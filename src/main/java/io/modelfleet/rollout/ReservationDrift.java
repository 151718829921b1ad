package io.modelfleet.rollout;

import io.modelfleet.planning.snapshot.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether the deployments a plan did not plan hold more now than when it was made (design 006, I1): a plan fitted
 * maxNodes and quotas beside what they held then, so if they grew since (another rollout finished) it may no longer
 * fit and is refused like any stale plan. Holding less is no reason to refuse: it only leaves more room.
 */
final class ReservationDrift {

    private ReservationDrift() {
    }

    /** One line per pool whose reserved nodes grew, empty when none did. */
    static List<String> grown(List<Reservation> planned, List<Reservation> now) {
        Map<String, Integer> before = nodes(planned);
        List<String> out = new ArrayList<>();
        nodes(now).forEach((pool, held) -> {
            int then = before.getOrDefault(pool, 0);
            if (held > then) {
                out.add("other deployments hold " + held + " nodes of pool " + pool + " (" + then
                        + " when the plan was made)");
            }
        });
        return out;
    }

    private static Map<String, Integer> nodes(List<Reservation> reservations) {
        return reservations.stream().collect(Collectors.toMap(r -> r.pool() + " of " + r.cluster(),
                Reservation::nodes, Integer::sum, TreeMap::new));
    }
}
