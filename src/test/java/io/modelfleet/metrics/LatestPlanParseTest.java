package io.modelfleet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a stored plan result's figures with the streaming parser, on hand-written results. */
class LatestPlanParseTest {

    private static FleetFigures.LatestPlan parse(String json) {
        return FleetFiguresReader.parse("p", Instant.EPOCH, "OPTIMAL", 3.0, json);
    }

    @Test
    void placementsAddUpPerDeploymentAndEverythingElseIsSkipped() {
        FleetFigures.LatestPlan plan = parse("""
                {"status":"OPTIMAL","alternatives":[{"deployment":"x","options":[{"hourlyCostUsd":99,"deployment":"y"}]}],
                 "placements":[{"deployment":"a","sloAtRisk":{"reasons":["p99"]},"hourlyCostUsd":1.25,"cluster":"c1"},
                               {"cluster":"c2","hourlyCostUsd":0.5,"deployment":"a"},
                               {"deployment":"b","hourlyCostUsd":1.25}],
                 "unplaced":[{"deployment":"z","cluster":"c1","reasons":["NO_OFFERING: ..."]},{"deployment":"z","cluster":"c2","reasons":[]}],
                 "baselines":{"singleHardware":{"totalHourlyCostUsd":4.5,"unplaced":[],"hardwareByCluster":{"c1":"t4"}},
                              "fp32Only":{"totalHourlyCostUsd":7.0,"unplaced":[{"deployment":"b","cluster":"c1","reasons":[]}]},
                              "somethingNew":{"totalHourlyCostUsd":1}},
                 "stats":{"solveMillis":12}}
                """);
        assertEquals(Map.of("a", 1.75, "b", 1.25), plan.costByDeployment());
        assertEquals(2, plan.unplacedPairs());
        assertEquals(java.util.List.of("fp32Only", "singleHardware"), java.util.List.copyOf(plan.baselines().keySet()),
                "the two baselines, in a fixed order; an unknown one is ignored");
        assertEquals(new FleetFigures.Baseline(7.0, 1), plan.baselines().get("fp32Only"));
        assertEquals(new FleetFigures.Baseline(4.5, 0), plan.baselines().get("singleHardware"));
        assertEquals(3.0, plan.totalHourlyCostUsd(), "the total is the plan row's");
    }

    @Test
    void aPlanWithoutPlacementsOrBaselinesHasNone() {
        FleetFigures.LatestPlan plan = parse("{\"status\":\"INFEASIBLE\",\"placements\":[],\"unplaced\":[{}]}");
        assertEquals(Map.of(), plan.costByDeployment());
        assertEquals(1, plan.unplacedPairs());
        assertEquals(Map.of(), plan.baselines());
    }

    @Test
    void aResultThatIsNoJsonObjectIsAClearError() {
        assertEquals("stored plan p is not a JSON object",
                assertThrows(IllegalStateException.class, () -> parse("[1]")).getMessage());
        assertEquals("stored plan p is not valid JSON",
                assertThrows(IllegalStateException.class, () -> parse("{\"placements\":[{")).getMessage());
    }
}
