package io.modelfleet.crash;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
final class CrashMatrix {

    /** Which boundaries of a scenario to run: all of them, or {@code sample} drawn with {@code seed}. */
    record Selection(Scenario scenario, int sample, long seed) {
        static Selection all(Scenario scenario) {
            return new Selection(scenario, Integer.MAX_VALUE, 0);
        }

        List<Integer> boundaries(int transitions) {
            if (sample >= transitions) {
                return IntStream.rangeClosed(1, transitions).boxed().toList();
            }
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

    Report run(List<Selection> selections) {
        List<Cell> cells = new ArrayList<>();
        for (Selection selection : selections) {
            Scenario scenario = selection.scenario();
            long started = System.nanoTime();
            CellRunner.Prepared prepared;
            CellRunner.Run baseline;
            try {
                prepared = runner.prepare(scenario);
                baseline = runner.run(prepared, OptionalInt.empty());
            } catch (RuntimeException e) {
                cells.add(print(new Cell(scenario, 0, "-", "-", false, false, "-", List.of(), Cell.Outcome.ERROR,
                        e.getMessage(), seconds(started))));
                continue;
            }
            Cell base = judge(scenario, 0, baseline, scenario.terminal, scenario.expectedObjects(), started);
            cells.add(print(base));
            if (baseline.transitions() < 1) {
                cells.add(print(new Cell(scenario, 0, "-", baseline.status(), false, false, "-", List.of(),
                        Cell.Outcome.ERROR, "the rollout view reports no committed transitions: the engine does not"
                        + " provide the failpoint contract", 0)));
                continue;
            }
            for (int n : selection.boundaries(baseline.transitions())) {
                long cellStarted = System.nanoTime();
                try {
                    CellRunner.Run run = runner.run(prepared, OptionalInt.of(n));
                    cells.add(print(judge(scenario, n, run, baseline.status(), baseline.objects(), cellStarted)));
                } catch (RuntimeException e) {
                    cells.add(print(new Cell(scenario, n, "-", "-", false, false, "-", List.of(), Cell.Outcome.ERROR,
                            e.getMessage(), seconds(cellStarted))));
                }
            }
        }
        Report report = new Report(cells);
        out.println(report.matrix());
        return report;
    }

    private static Cell judge(Scenario scenario, int boundary, CellRunner.Run run, String expectedStatus,
            Map<String, List<String>> expectedObjects, long started) {
        boolean objectsSame = expectedObjects.equals(run.objects());
        List<String> dips = run.capacity().dips();
        List<Cell.Outcome> problems = Cell.problems(expectedStatus, run.status(), objectsSame, run.lockReleased(), dips);
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
        return new Cell(scenario, boundary, run.transition(), run.status(), objectsSame, run.lockReleased(),
                run.capacity().tightest() + " in " + run.capacity().samples() + " samples", dips, outcome,
                String.join("; ", detail), seconds(started));
    }

    private Cell print(Cell cell) {
        out.println(cell.line() + String.format(" [%.0f s]", cell.seconds()));
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

        String summary() {
            return String.format("cells %d (baselines %d, kills %d): ok %d, stuck %d, wrong terminal %d, wrong objects"
                    + " %d, lock held %d, capacity dips %d, not reached %d, errors %d, %.0f s",
                    cells.size(), cells.stream().filter(c -> c.boundary() == 0).count(),
                    cells.stream().filter(c -> c.boundary() > 0).count(), count(Cell.Outcome.OK),
                    count(Cell.Outcome.STUCK), count(Cell.Outcome.WRONG_TERMINAL), count(Cell.Outcome.WRONG_OBJECTS),
                    count(Cell.Outcome.LOCK_HELD), capacityDips(), count(Cell.Outcome.NOT_REACHED),
                    count(Cell.Outcome.ERROR), cells.stream().mapToDouble(Cell::seconds).sum());
        }

        String matrix() {
            StringBuilder b = new StringBuilder("\nCrash-point matrix (scenario boundary transition -> outcome)\n");
            cells.forEach(c -> b.append(c.line()).append('\n'));
            return b.append(summary()).append('\n').toString();
        }
    }
}
