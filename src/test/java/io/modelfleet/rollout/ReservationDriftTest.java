package io.modelfleet.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.planning.snapshot.Reservation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Design 006, I1 at rollout time: only pools whose reserved nodes grew since the plan make it stale. */
class ReservationDriftTest {

    private static Reservation held(String pool, int nodes) {
        return new Reservation("c1", "us-east-1", null, pool, "g4dn.xlarge", CapacityType.ON_DEMAND, nodes, 4,
                List.of("other"));
    }

    @Test
    void onlyGrowthIsDrift() {
        assertEquals(List.of(), ReservationDrift.grown(List.of(held("gpu", 3)), List.of(held("gpu", 3))));
        assertEquals(List.of(), ReservationDrift.grown(List.of(held("gpu", 3)), List.of(held("gpu", 1))),
                "others holding less leaves more room");
        assertEquals(List.of("other deployments hold 5 nodes of pool gpu of c1 (3 when the plan was made)",
                "other deployments hold 2 nodes of pool t4 of c1 (0 when the plan was made)"),
                ReservationDrift.grown(List.of(held("gpu", 3)), List.of(held("gpu", 2), held("gpu", 3), held("t4",
                        2))));
    }
}
