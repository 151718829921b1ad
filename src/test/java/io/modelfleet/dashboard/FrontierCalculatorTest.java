package io.modelfleet.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.dashboard.dto.Frontier;
import io.modelfleet.dashboard.service.FrontierCalculator;
import io.modelfleet.dashboard.service.FrontierRow;
import io.modelfleet.dashboard.service.NodeCapacity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FrontierCalculatorTest {

    private static final Map<String, NodeCapacity> NODES = Map.of(
            "g4dn.xlarge", new NodeCapacity("g4dn.xlarge", 1, 4, 16, List.of(
                    new Frontier.Offering("us-west-2", CapacityType.ON_DEMAND, 0.6),
                    new Frontier.Offering("us-east-1", CapacityType.ON_DEMAND, 0.526))),
            "c6i.xlarge", new NodeCapacity("c6i.xlarge", 0, 4, 8, List.of(
                    new Frontier.Offering("us-east-1", CapacityType.ON_DEMAND, 0.17))),
            "retired.xlarge", new NodeCapacity("retired.xlarge", 0, 4, 8, List.of()));

    @Test
    void costPerMillionIsTheReplicasShareOfTheCheapestNodeOverItsInferencesPerHour() {
        Frontier f = FrontierCalculator.of(rows(), NODES);
        List<Frontier.Point> points = f.models().get(0).points();

        // T4, share max(1/1, 2/4, 4/16) = 1: 0.526 / (1800 x 3600) x 1e6 = 0.0811728... -> 0.081173.
        Frontier.Point int8OnT4 = points.get(0);
        assertEquals(1.0, int8OnT4.replicaShare());
        assertEquals(0.081173, int8OnT4.costPerMillionUsd());
        assertEquals(new Frontier.Offering("us-east-1", CapacityType.ON_DEMAND, 0.526), int8OnT4.offering());
        // CPU, share max(2/4, 2/8) = 0.5: 0.5 x 0.17 / (25.82 x 3600) x 1e6 = 0.91445046... -> 0.914450.
        assertEquals(0.5, points.get(1).replicaShare());
        assertEquals(0.91445, points.get(1).costPerMillionUsd());
        // FP32 on T4: 0.526 / (98 x 3600) x 1e6 = 1.4909297... -> 1.490930.
        assertEquals(1.49093, points.get(2).costPerMillionUsd());
    }

    @Test
    void theFrontierKeepsOnlyRowsNoOtherRowBeatsOnBothAccuracyAndCost() {
        List<Frontier.Point> points = FrontierCalculator.of(rows(), NODES).models().get(0).points();
        assertTrue(points.get(0).onFrontier(), "int8 on T4: cheapest");
        assertFalse(points.get(1).onFrontier(), "int8 on CPU: as accurate as int8 on T4, dearer");
        assertTrue(points.get(2).onFrontier(), "fp32 on T4: the most accurate");
    }

    @Test
    void rowsThatCannotBePricedSayWhyAndStayOffTheFrontier() {
        List<Frontier.Point> points = FrontierCalculator.of(rows(), NODES).models().get(0).points();
        Frontier.Point needsGpuOnCpu = points.get(3);
        assertNull(needsGpuOnCpu.replicaShare());
        assertNull(needsGpuOnCpu.costPerMillionUsd());
        assertEquals("one replica does not fit on one c6i.xlarge node", needsGpuOnCpu.note());
        Frontier.Point noOffering = points.get(4);
        assertNull(noOffering.costPerMillionUsd());
        assertEquals("retired.xlarge has no available offering", noOffering.note());
        assertFalse(noOffering.onFrontier());
    }

    private static List<FrontierRow> rows() {
        return List.of(
                row(Precision.INT8, 75.9, "g4dn.xlarge", 1800, new FrontierRow.PerReplica(1, 2, 4)),
                row(Precision.INT8, 75.9, "c6i.xlarge", 25.82, new FrontierRow.PerReplica(0, 2, 2)),
                row(Precision.FP32, 76.13, "g4dn.xlarge", 98, new FrontierRow.PerReplica(1, 2, 4)),
                row(Precision.FP32, 76.13, "c6i.xlarge", 12.84, new FrontierRow.PerReplica(1, 2, 2)),
                row(Precision.FP32, 76.13, "retired.xlarge", 12.84, new FrontierRow.PerReplica(0, 2, 2)));
    }

    private static FrontierRow row(Precision precision, double accuracy, String hardware, double rps,
            FrontierRow.PerReplica need) {
        return new FrontierRow("resnet50", "top1", UUID.nameUUIDFromBytes((precision + hardware).getBytes()), "1.0.0",
                precision, precision == Precision.INT8 ? List.of(Compression.QUANTIZATION) : List.of(), accuracy,
                hardware, 1, 10, rps, need, BenchmarkSource.IMPORTED, 1);
    }
}
