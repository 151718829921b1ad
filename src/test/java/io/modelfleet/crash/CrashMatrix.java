package io.modelfleet.crash;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The crash-point matrix: for each scenario a baseline run gives the number of boundaries T, the terminal status
 * and the objects; then each chosen boundary N in 1..T is a cell that halts the control plane after its N-th
 * committed transition, SIGKILLs it, restarts it, and compares. Cells print as they finish; {@link Report} has
 * the matrix and its summary.
 */
final class CrashMatrix implements AutoCloseable {

    /**
     * Which boundaries of a scenario to run: all of them, or {@code sample} drawn with {@code seed}, plus (with
     * {@code analyzing}) the ones around the first analyzed step: the transition into ANALYZING and each of its
     * measurements, found by name in the baseline's trace.
     */
    record Selection(Scenario scenario, int sample, long seed, boolean analyzing) {
        Selection(Scenario scenario, int sample, long seed) {
            this(scenario, sample, seed, false);
        }

        static Selection all(Scenario scenario) {
            return new Selection(scenario, Integer.MAX_VALUE, 0);
        }

        /** The transition into the first analyzed step's ANALYZING, then its {@code count} Analyze transitions. */
        static List<Integer> analyzing(List<String> trace, int count) {
            int first = trace.indexOf("Analyze");
            if (first < 1) {
                throw new IllegalStateException("the baseline's trace has no Analyze transition after another: "
                        + trace);
            }
            List<Integer> boundaries = new ArrayList<>(List.of(first));
            for (int i = first; i < trace.size() && boundaries.size() <= count; i++) {
                if (trace.get(i).equals("Analyze")) {
                    boundaries.add(i + 1);
                }
            }
            return boundaries;
        }

        List<Integer> boundaries(int transitions, List<String> trace) {
            if (sample >= transitions) {
                return IntStream.rangeClosed(1, transitions).boxed().toList();
            }
            TreeSet<Integer> chosen = new TreeSet<>(analyzing ? analyzing(trace, Scenario.ANALYSIS_COUNT)
                    : List.of());
            // A sampled abort cell never draws the last boundary: how many transitions the abort path takes varies
            // by one with when the abort lands, so the last one may not be reached (the full run still has it).
            chosen.addAll(sampled(scenario.abortAt > 0 ? Math.max(1, transitions - 1) : transitions));
            return List.copyOf(chosen);
        }

        private List<Integer> sampled(int transitions) {
            Random random = new Random(seed);
            TreeSet<Integer> chosen = new TreeSet<>();
            while (chosen.size() < sample) {
                chosen.add(1 + random.nextInt(transitions));
            }
            return List.copyOf(chosen);
        }
    }

    private final CellRunner runner;
    private final PrintStream out;

    CrashMatrix(HarnessPostgres postgres, Path jar, Path root, PrintStream out) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: package the application first (./mvnw package)");
        }
        this.runner = new CellRunner(postgres, jar, root);
        this.out = out;
    }

    @Override
    public void close() {
        runner.close();
    }

    Report run(List<Selection> selections) {
        long wall = System.nanoTime();
        List<Cell> cells = new ArrayList<>();
        // The abort scenario rolls out the hardware switch's releases: it starts from the same preparation. The
        // analyzed one has those releases too but names a Prometheus and analysis knobs, so it is keyed apart.
        Map<List<Object>, CellRunner.Prepared> preparations = new HashMap<>();
        for (Selection selection : selections) {
            Scenario scenario = selection.scenario();
            long started = System.nanoTime();
            CellRunner.Prepared prepared;
            CellRunner.Run baseline;
            try {
                List<Object> releases = new ArrayList<>(scenario.v1);
                releases.addAll(scenario.v2);
                releases.add(scenario.analyzed);
                prepared = preparations.get(releases);
                if (prepared == null) {
                    prepared = runner.prepare(scenario);
                    preparations.put(releases, prepared);
                    out.printf("%-16s v1 rolled out and v2 planned in %.0f s%n", scenario.label(), seconds(started));
                }
                started = System.nanoTime();
                baseline = runner.run(scenario, prepared, OptionalInt.empty());
            } catch (RuntimeException e) {
                cells.add(print(Cell.error(scenario, 0, e.getMessage(), seconds(started))));
                continue;
            }
            Cell base = judge(scenario, 0, baseline, scenario.terminal, scenario.expectedObjects(), started);
            cells.add(print(base));
            if (baseline.transitions() < 1) {
                cells.add(print(Cell.error(scenario, 0, "the rollout view reports no committed transitions: the engine"
                        + " does not provide the failpoint contract", 0)));
                continue;
            }
            for (int n : selection.boundaries(baseline.transitions(), baseline.trace())) {
                long cellStarted = System.nanoTime();
                try {
                    CellRunner.Run run = runner.run(scenario, prepared, OptionalInt.of(n));
                    Cell cell = judge(scenario, n, run, baseline.status(), baseline.objects(), cellStarted);
                    // The abort scenario's length depends on when the harness's abort lands (6 or 7 transitions
                    // were both seen): a run that ended correctly before a late boundary never crashed, so it is
                    // run again, at most twice, rather than reported as a kill that proved nothing.
                    for (int again = 0; again < 2 && scenario.abortAt > 0
                            && cell.outcome() == Cell.Outcome.NOT_REACHED; again++) {
                        cellStarted = System.nanoTime();
                        run = runner.run(scenario, prepared, OptionalInt.of(n));
                        cell = judge(scenario, n, run, baseline.status(), baseline.objects(), cellStarted);
                    }
                    cells.add(print(cell));
                } catch (RuntimeException e) {
                    cells.add(print(Cell.error(scenario, n, e.getMessage(), seconds(cellStarted))));
                }
            }
        }
        Report report = new Report(cells);
        out.println(report.matrix());
        out.printf("wall %.0f s, v1 preparations included%n", seconds(wall));
        return report;
    }

    private static Cell judge(Scenario scenario, int boundary, CellRunner.Run run, String expectedStatus,
            Map<String, List<String>> expectedObjects, long started) {
        boolean objectsSame = expectedObjects.equals(run.objects());
        List<String> dips = run.capacity().dips();
        List<Cell.Outcome> problems = Cell.problems(expectedStatus, run.status(), objectsSame, run.lockReleased(), dips,
                run.analysisProblem());
        Cell.Outcome outcome = run.problem() != null
                ? (run.problem().startsWith("not terminal") ? Cell.Outcome.STUCK : Cell.Outcome.NOT_REACHED)
                : problems.isEmpty() ? Cell.Outcome.OK : problems.get(0);
        List<String> detail = new ArrayList<>();
        if (run.problem() != null) {
            detail.add(run.problem());
        }
        if (!expectedStatus.equals(run.status())) {
            detail.add("expected " + expectedStatus);
        }
        if (!objectsSame) {
            detail.add("objects " + run.objects() + " expected " + expectedObjects);
        }
        if (!dips.isEmpty()) {
            detail.add("dips " + dips);
        }
        if (run.analysisProblem() != null) {
            detail.add("analysis " + run.analysisProblem());
        }
        return new Cell(scenario, boundary, run.transition(), run.status(), objectsSame, run.lockReleased(),
                run.capacity().tightest() + " in " + run.capacity().samples() + " samples", dips, outcome,
                String.join("; ", detail), seconds(started), run.transitions(), run.appStartSeconds());
    }

    private Cell print(Cell cell) {
        out.println(cell.line() + String.format(" [%.0f s, app start %.1f s]", cell.seconds(),
                cell.appStartSeconds()));
        out.flush();
        return cell;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Every cell, the summary counts, and the cells that are not right. */
    record Report(List<Cell> cells) {

        List<Cell> bad() {
            return cells.stream().filter(c -> !c.ok()).toList();
        }

        long count(Cell.Outcome outcome) {
            return cells.stream().filter(c -> c.outcome() == outcome).count();
        }

        long capacityDips() {
            return cells.stream().filter(c -> !c.dips().isEmpty()).count();
        }

        /** One line per scenario and one for all: cells, boundaries, outcomes, seconds. */
        String summary() {
            StringBuilder b = new StringBuilder();
            for (Scenario s : cells.stream().map(Cell::scenario).distinct().toList()) {
                List<Cell> of = cells.stream().filter(c -> c.scenario() == s).toList();
                int boundaries = of.stream().filter(c -> c.boundary() == 0).mapToInt(Cell::transitions).max().orElse(-1);
                b.append(String.format("%-16s boundaries %d, ", s.label(), boundaries)).append(new Report(of).counts())
                        .append('\n');
            }
            return b.append(String.format("%-16s ", "all")).append(counts()).toString();
        }

        private String counts() {
            List<Cell> kills = cells.stream().filter(c -> c.boundary() > 0).toList();
            return String.format("cells %d (baselines %d, kills %d): ok %d, stuck %d, wrong terminal %d, wrong objects"
                    + " %d, lock held %d, capacity dips %d, not reached %d, errors %d; %.0f s, %.1f s per kill cell"
                    + " (app starts %.1f s of it)",
                    cells.size(), cells.size() - kills.size(), kills.size(), count(Cell.Outcome.OK),
                    count(Cell.Outcome.STUCK), count(Cell.Outcome.WRONG_TERMINAL), count(Cell.Outcome.WRONG_OBJECTS),
                    count(Cell.Outcome.LOCK_HELD), capacityDips(), count(Cell.Outcome.NOT_REACHED),
                    count(Cell.Outcome.ERROR), cells.stream().mapToDouble(Cell::seconds).sum(),
                    kills.stream().mapToDouble(Cell::seconds).average().orElse(0),
                    kills.stream().mapToDouble(Cell::appStartSeconds).average().orElse(0));
        }

        String matrix() {
            StringBuilder b = new StringBuilder("\nCrash-point matrix (scenario boundary transition -> outcome)\n");
            cells.forEach(c -> b.append(c.line()).append('\n'));
            return b.append(summary()).append('\n').toString();
        }
    }
}
