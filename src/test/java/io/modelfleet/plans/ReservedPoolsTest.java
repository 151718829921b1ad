package io.modelfleet.plans;

import static io.modelfleet.plans.FleetSnapshots.cluster;
import static io.modelfleet.plans.FleetSnapshots.deployment;
import static io.modelfleet.plans.FleetSnapshots.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Reservation;
import io.modelfleet.planning.snapshot.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Design 006, I1: what deployments outside a plan hold, per pool, and which pools count. */
class ReservedPoolsTest {

    private static final Resources ONE_GPU = Resources.of(1, 2, 8);
    private static final Resources SMALL_CPU = Resources.of(0, 1, 2);

    @Test
    void othersRunningReplicasReserveTheirPoolsAndQuotaCoupledClustersOutsideThePlan() {
        CatalogSnapshot s = withQuota(snapshot(List.of(cluster("a", "111", 10)), List.of(deployment("mine", "a")),
                64), new io.modelfleet.planning.snapshot.Quota("333", "us-east-1", FleetSnapshots.G_QUOTA, 64));
        List<ReservedPools.Held> running = List.of(
                new ReservedPools.Held("mine", "a", "gpu", 4, ONE_GPU), // planned: not reserved
                new ReservedPools.Held("other", "a", "gpu", 3, ONE_GPU),
                new ReservedPools.Held("other", "a", "cpu", 9, SMALL_CPU), // 4 per node: 3 nodes
                new ReservedPools.Held("third", "a", "cpu", 2, null), // unknown: a node each
                new ReservedPools.Held("other", "b", "gpu", 2, ONE_GPU), // outside, same account: G quota
                new ReservedPools.Held("other", "b", "cpu", 5, SMALL_CPU), // outside, no standard quota: not counted
                new ReservedPools.Held("other", "c", "gpu", 2, ONE_GPU), // outside, another account
                new ReservedPools.Held("other", "d", "gpu", 2, ONE_GPU)); // its quota, but no planned cluster shares it
        List<Reservation> reserved = ReservedPools.of(s, running, List.of(cluster("a", "111", 10),
                cluster("b", "111", 10), cluster("c", "222", 10), cluster("d", "333", 10)), s.hardwareByName());
        assertEquals(List.of(
                new Reservation("a", "us-east-1", "111", "cpu", "m5.xlarge", CapacityType.ON_DEMAND, 5, 4,
                        List.of("other", "third")),
                new Reservation("a", "us-east-1", "111", "gpu", "g4dn.xlarge", CapacityType.ON_DEMAND, 3, 4,
                        List.of("other")),
                new Reservation("b", "us-east-1", "111", "gpu", "g4dn.xlarge", CapacityType.ON_DEMAND, 2, 4,
                        List.of("other"))), reserved);
        assertEquals(12, reserved.get(1).vcpus());
    }

    private static CatalogSnapshot withQuota(CatalogSnapshot s, io.modelfleet.planning.snapshot.Quota added) {
        List<io.modelfleet.planning.snapshot.Quota> quotas = new java.util.ArrayList<>(s.quotas());
        quotas.add(added);
        return new CatalogSnapshot(s.hardware(), s.variants(), s.clusters(), s.deployments(), quotas);
    }

    @Test
    void aPlannedDeploymentsReplicasOnAClusterItNoLongerDemandsStillHoldTheirNodes() {
        // mine demands only a; what it still runs on b until its retirement holds b's nodes (a cluster of the plan).
        CatalogSnapshot s = snapshot(List.of(cluster("a", "111", 10), cluster("b", "111", 10)),
                List.of(deployment("mine", "a")), 64);
        assertEquals(List.of(new Reservation("b", "us-east-1", "111", "gpu", "g4dn.xlarge", CapacityType.ON_DEMAND,
                2, 4, List.of("mine"))), ReservedPools.of(s, List.of(new ReservedPools.Held("mine", "a", "gpu", 4,
                        ONE_GPU), new ReservedPools.Held("mine", "b", "gpu", 2, ONE_GPU)), List.of(cluster("a", "111",
                                10), cluster("b", "111", 10)), s.hardwareByName()));
    }

    @Test
    void aFullFleetPlanReservesNothing() {
        CatalogSnapshot s = snapshot(List.of(cluster("a", "111", 10)), List.of(deployment("mine", "a"),
                deployment("other", "a")), 64);
        assertEquals(List.of(), ReservedPools.of(s, List.of(new ReservedPools.Held("mine", "a", "gpu", 4, ONE_GPU),
                new ReservedPools.Held("other", "a", "gpu", 3, ONE_GPU)), List.of(cluster("a", "111", 10)),
                s.hardwareByName()));
    }

    @Test
    void aPoolThatNoLongerExistsReservesNothing() {
        CatalogSnapshot s = snapshot(List.of(cluster("a", "111", 10)), List.of(deployment("mine", "a")), 64);
        assertEquals(List.of(), ReservedPools.of(s, List.of(new ReservedPools.Held("other", "a", "gone", 3,
                ONE_GPU)), List.of(cluster("a", "111", 10)), s.hardwareByName()));
    }
}
