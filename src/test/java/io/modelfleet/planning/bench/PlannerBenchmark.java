package io.modelfleet.planning.bench;

import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.Planner;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Prints the planner's figures on seeded synthetic fleets of 10 to 10,000 (deployment, cluster) pairs.
 * Run: {@code ./mvnw -q test-compile exec:java} (see docs/planning.md). Arguments: optional pair counts.
 * "solve s" is candidate generation plus all cluster solves; "total s" adds explanations (up to 200 exact
 * alternative re-solves) and both baselines. "candidates" are the feasible options after the rule filters,
 * "solved" those left after dominance pruning, which is what CP-SAT sees.
 */
public final class PlannerBenchmark {

    private PlannerBenchmark() {
    }

    public static void main(String[] args) {
        List<Integer> sizes = args.length == 0 ? List.of(10, 100, 1_000, 10_000)
                : java.util.Arrays.stream(args).map(Integer::parseInt).toList();
        SyntheticFleet fleets = new SyntheticFleet(Path.of("profiles"));
        Planner planner = Planner.withDefaults();
        planner.plan(fleets.generate(1, 50), Duration.ofSeconds(30));
        System.out.printf(Locale.ROOT, "hardware profiles: %d, cores: %d%n", fleets.hardwareCount(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| pairs | clusters | candidates | solved | solve s | total s | status | cost $/h |"
                + " bound $/h | gap | unplaced | fp32-only $/h | single-hw $/h |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int pairs : sizes) {
            CatalogSnapshot snapshot = fleets.generate(20261122L + pairs, pairs);
            long started = System.nanoTime();
            PlanResult plan = planner.plan(snapshot, Duration.ofSeconds(60));
            double total = (System.nanoTime() - started) / 1e9;
            PlanResult.Stats s = plan.stats();
            System.out.printf(Locale.ROOT, "| %,d | %d | %,d | %,d | %.2f | %.2f | %s | %,.2f | %,.2f | %.3f%% | %d |"
                    + " %,.2f | %,.2f |%n", s.pairs(), s.clusters(), s.candidates(), s.candidatesSolved(),
                    s.solveMillis() / 1000.0, total, plan.status(), plan.totalHourlyCostUsd(), plan.lowerBoundUsd(),
                    plan.gap() * 100, plan.unplaced().size(), plan.baselines().fp32Only().totalHourlyCostUsd(),
                    plan.baselines().singleHardware().totalHourlyCostUsd());
        }
    }
}
