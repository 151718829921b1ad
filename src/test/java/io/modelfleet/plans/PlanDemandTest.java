package io.modelfleet.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.analysis.service.ObservedDemand;
import io.modelfleet.fleet.domain.DemandSource;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Deployment;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How demand rows are decided, and that staleness sees a plan's declared demand, whatever it used. */
class PlanDemandTest {

    private static final ObservedDemand.Target TARGET = new ObservedDemand.Target("d", "c", "ns",
            QueryRuntime.TRITON, new MetricsSource("http://prom:9090", null));
    private static final Map<ObservedDemand.Target, ObservedDemand.Rate> OBSERVED_120 = Map.of(TARGET,
            new ObservedDemand.Rate(120.0, null, false));

    private static PlanDemand.Row row(DemandSource source, double declared) {
        return new PlanDemand.Row("d", "c", source, declared, TARGET, null);
    }

    @Test
    void observedUsesTheObservedRateAndMaxTheLarger() {
        assertEquals(new DemandRecord("d", "c", DemandSource.OBSERVED, 120, 100, 120.0, null),
                PlanDemand.resolve(List.of(row(DemandSource.OBSERVED, 100)), OBSERVED_120::get).get(0));
        assertEquals(new DemandRecord("d", "c", DemandSource.MAX, 150, 150, 120.0, null),
                PlanDemand.resolve(List.of(row(DemandSource.MAX, 150)), OBSERVED_120::get).get(0));
        assertEquals(new DemandRecord("d", "c", DemandSource.MAX, 120, 100, 120.0, null),
                PlanDemand.resolve(List.of(row(DemandSource.MAX, 100)), OBSERVED_120::get).get(0));
    }

    @Test
    void aFailedQueryOrARowWithoutSourceFallsBackToDeclaredWithTheReason() {
        DemandRecord failed = PlanDemand.resolve(List.of(row(DemandSource.OBSERVED, 100)),
                t -> new ObservedDemand.Rate(null, "cluster c: Prometheus answered HTTP 500", true)).get(0);
        assertEquals(new DemandRecord("d", "c", DemandSource.OBSERVED, 100, 100, null, "observed demand query"
                + " failed (cluster c: Prometheus answered HTTP 500): declared demand used"), failed);
        DemandRecord unobservable = PlanDemand.resolve(List.of(new PlanDemand.Row("d", "c", DemandSource.MAX, 100,
                null, "cluster c names no metrics source: declared demand used")), t -> {
                    throw new AssertionError("nothing to ask");
                }).get(0);
        assertEquals(100, unobservable.usedRps());
        assertEquals("cluster c names no metrics source: declared demand used", unobservable.note());
    }

    @Test
    void theStoredSnapshotCarriesTheUsedRpsAndStalenessReadsTheDeclaredOne() {
        CatalogSnapshot declared = new CatalogSnapshot(List.of(), List.of(), List.of(), List.of(new Deployment("d",
                "m", "1.0.0", new Deployment.Slo(20, null, 1, 0), List.of(new Deployment.Demand("c", 100),
                        new Deployment.Demand("e", 7)))));
        List<DemandRecord> used = List.of(new DemandRecord("d", "c", DemandSource.OBSERVED, 120, 100, 120.0, null),
                new DemandRecord("d", "e", DemandSource.DECLARED, 7, 7, null, null));
        CatalogSnapshot planned = PlanDemand.apply(declared, used);
        assertEquals(List.of(new Deployment.Demand("c", 120), new Deployment.Demand("e", 7)),
                planned.deployments().get(0).demand());
        PlanEntity stored = new PlanEntity();
        stored.id = UUID.randomUUID();
        stored.snapshot = PlanJson.write(planned);
        stored.result = PlanJson.writeResult(new io.modelfleet.planning.PlanResult(null, 0, 0, 0, List.of(),
                List.of(), List.of(), List.of(), null, List.of(), List.of(), null), used, List.of(), List.of());
        assertEquals(declared.deployments(), PlanJson.declaredSnapshot(stored).deployments());
        assertEquals(planned.deployments(), PlanJson.snapshot(stored).deployments());
    }
}
