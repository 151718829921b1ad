package io.modelfleet.planning.bench;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.planning.Choice;
import io.modelfleet.planning.Deadline;
import io.modelfleet.planning.Evaluation;
import io.modelfleet.planning.PairOutcome;
import io.modelfleet.planning.Planner;
import io.modelfleet.planning.UnitCache;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Running;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One continuous-placement evaluation of a 10,000-pair fleet (design 006), full and incremental. The fleet is
 * {@link SyntheticFleet}'s, its 500 clusters spread over eight regions with regional prices; what runs is what a
 * first evaluation chose. "full": a cold cache, every unit solved (with the switch cost, and the keeping solve
 * where a running pair would move). "incremental": the spot price of one hardware profile in one region drops 30%
 * and only the units with a pool it prices are solved again; the rest reuse their last decisions.
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=io.modelfleet.planning.bench.EvaluationBenchmark
 * -Dexec.classpathScope=test} (see docs/planning.md). Argument: the pair count (default 10,000).
 */
public final class EvaluationBenchmark {

    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1",
            "ap-northeast-1", "ap-southeast-1", "sa-east-1");

    private EvaluationBenchmark() {
    }

    public static void main(String[] args) {
        int pairs = args.length == 0 ? 10_000 : Integer.parseInt(args[0]);
        Planner planner = Planner.withDefaults();
        CatalogSnapshot fleet = regional(new SyntheticFleet(Path.of("profiles")).generate(20261203L, pairs));
        // What runs: the first evaluation's choices, as if a rollout had applied them.
        Evaluation first = planner.evaluate(fleet, Deadline.in(Duration.ofSeconds(120)), new UnitCache());
        CatalogSnapshot running = fleet.withRunning(running(first), 0.01);
        // Warm the JIT and the solver's natives on the same fleet before measuring.
        planner.evaluate(running, Deadline.in(Duration.ofSeconds(120)), new UnitCache());
        System.out.printf(Locale.ROOT, "pairs: %,d, units: %d, regions: %d, cores: %d%n", first.pairs().size(),
                first.unitsSolved(), REGIONS.size(), Runtime.getRuntime().availableProcessors());
        System.out.println("| run | evaluation | units solved | units reused | seconds | pairs proposed to move |");
        System.out.println("|---|---|---|---|---|---|");
        for (int run = 1; run <= 3; run++) {
            UnitCache cache = new UnitCache();
            Evaluation full = planner.evaluate(running, Deadline.in(Duration.ofSeconds(120)), cache);
            row(run, "full", full);
            String hardware = fleet.hardware().get(run % fleet.hardware().size()).name();
            String region = REGIONS.get(run % REGIONS.size());
            CatalogSnapshot cheaper = withSpotPrice(running, hardware, region, 0.7);
            Evaluation incremental = planner.evaluate(cheaper, Deadline.in(Duration.ofSeconds(120)), cache);
            row(run, "incremental: spot " + hardware + " in " + region + " -30%", incremental);
        }
    }

    private static void row(int run, String what, Evaluation e) {
        long moving = e.pairs().stream().filter(p -> p.running() && p.changes()).count();
        System.out.printf(Locale.ROOT, "| %d | %s | %d | %d | %.2f | %d |%n", run, what, e.unitsSolved(),
                e.unitsReused(), e.millis() / 1000.0, moving);
    }

    private static List<Running> running(Evaluation e) {
        List<Running> out = new ArrayList<>();
        for (PairOutcome p : e.pairs()) {
            Choice c = p.proposed();
            if (c != null) {
                out.add(new Running(p.deployment(), p.cluster(), c.variantId(), c.pool(), c.batchSize(), c.replicas()));
            }
        }
        return out;
    }

    /** The fleet with cluster i in region i mod 8, and every offering repeated per region, a little dearer each. */
    private static CatalogSnapshot regional(CatalogSnapshot s) {
        List<Hardware> hardware = s.hardware().stream().map(h -> new Hardware(h.name(), h.accelerated(),
                h.acceleratorCount(), h.acceleratorMemoryGiB(), h.vcpus(), h.memoryGiB(), h.precisions(),
                REGIONS.stream().flatMap(region -> h.offerings().stream().map(o -> new Hardware.Offering(region,
                        o.capacityType(), Math.round(o.hourlyPriceUsd() * (1 + 0.03 * REGIONS.indexOf(region))
                                * 10_000) / 10_000.0))).toList())).toList();
        List<Cluster> clusters = new ArrayList<>();
        for (int i = 0; i < s.clusters().size(); i++) {
            Cluster c = s.clusters().get(i);
            clusters.add(new Cluster(c.name(), REGIONS.get(i % REGIONS.size()), c.pools(), c.accountId()));
        }
        return new CatalogSnapshot(hardware, s.variants(), clusters, s.deployments(), s.quotas());
    }

    private static CatalogSnapshot withSpotPrice(CatalogSnapshot s, String name, String region, double factor) {
        List<Hardware> hardware = s.hardware().stream().map(h -> !h.name().equals(name) ? h : new Hardware(h.name(),
                h.accelerated(), h.acceleratorCount(), h.acceleratorMemoryGiB(), h.vcpus(), h.memoryGiB(),
                h.precisions(), h.offerings().stream().map(o -> o.region().equals(region)
                        && o.capacityType() == CapacityType.SPOT ? new Hardware.Offering(region, CapacityType.SPOT,
                                Math.round(o.hourlyPriceUsd() * factor * 10_000) / 10_000.0) : o).toList())).toList();
        return new CatalogSnapshot(hardware, s.variants(), s.clusters(), s.deployments(), s.quotas(), s.running(),
                s.reservations(), s.switchCostUsdPerHour());
    }
}
