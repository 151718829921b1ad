package io.modelfleet.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Hardware;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The planner's snapshot carries each profile's peaks (design 007) and keeps them through the stored plan's JSON;
 * a snapshot stored before peaks existed reads back with none, so nothing is estimated from it.
 */
class SnapshotHardwarePeaksTest {

    @Test
    void theSnapshotCarriesThePeaksAndBandwidthAndTheStoredJsonKeepsThem() throws Exception {
        HardwareProfileEntity t4 = t4();
        t4.peakTeraOps.put(Precision.INT8, 130.0);
        t4.peakTeraOps.put(Precision.FP32, 8.1);
        t4.memoryBandwidthGBps = 320.0;
        Hardware hw = snapshotOf(t4).hardware().get(0);
        assertEquals(List.of(Precision.FP32, Precision.INT8), List.copyOf(hw.peakTeraOps().keySet()),
                "precision order, whatever order the entity was filled in");
        assertEquals(Optional.of(130.0), hw.peakTeraOps(Precision.INT8));
        assertEquals(Optional.empty(), hw.peakTeraOps(Precision.FP16));
        assertEquals(320.0, hw.memoryBandwidthGBps());

        PlanEntity stored = new PlanEntity();
        stored.snapshot = PlanJson.MAPPER.writeValueAsString(snapshotOf(t4));
        assertEquals(hw, PlanJson.snapshot(stored).hardware().get(0));
    }

    @Test
    void aSnapshotStoredBeforePeaksExistedReadsBackWithNone() throws Exception {
        PlanEntity stored = new PlanEntity();
        stored.snapshot = "{\"hardware\":[{\"name\":\"g4dn.xlarge\",\"accelerated\":true,\"acceleratorCount\":1,"
                + "\"acceleratorMemoryGiB\":16.0,\"vcpus\":4,\"memoryGiB\":16.0,\"precisions\":[\"INT8\"],"
                + "\"offerings\":[]}],\"variants\":[],\"clusters\":[],\"deployments\":[],\"switchCostUsdPerHour\":0}";
        Hardware hw = PlanJson.snapshot(stored).hardware().get(0);
        assertEquals(Map.of(), hw.peakTeraOps());
        assertNull(hw.memoryBandwidthGBps());
        assertEquals(new Hardware("g4dn.xlarge", true, 1, 16.0, 4, 16.0, java.util.Set.of(Precision.INT8), List.of()),
                hw, "equal to hardware built with the constructor that takes no peaks");
    }

    private static CatalogSnapshot snapshotOf(HardwareProfileEntity e) {
        return SnapshotBuilder.build(List.of(e), List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    private static HardwareProfileEntity t4() {
        HardwareProfileEntity e = new HardwareProfileEntity();
        e.name = "g4dn.xlarge";
        e.accelerator = Accelerator.NVIDIA_T4;
        e.acceleratorCount = 1;
        e.acceleratorMemoryGiB = 16;
        e.vcpus = 4;
        e.memoryGiB = 16;
        e.precisions = new ArrayList<>(List.of(Precision.FP32, Precision.FP16, Precision.INT8));
        e.nodeLabels = new TreeMap<>();
        return e;
    }
}
