package io.modelfleet.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The crash-point matrix within the time of {@code ./mvnw verify}: every boundary of one scenario, a seeded
 * sample of the others' boundaries, and for the analyzed scenario the boundaries into and inside ANALYZING (a kill
 * there must neither lose a committed measurement nor count one twice), against the jar {@code package} built. {@link CrashMatrixMain} runs them all.
 * {@code -Dcrash.full=<scenario>}, {@code -Dcrash.sample=<cells per other scenario>} and {@code -Dcrash.seed}
 * change the choice; the seed is printed so a failing sample can be run again.
 */
class CrashMatrixIT {

    private static final String FULL = System.getProperty("crash.full", "failing-gate");
    private static final int SAMPLE = Integer.getInteger("crash.sample", 1);
    private static final long SEED = Long.getLong("crash.seed", 20261201L);

    @Test
    void everyKilledRolloutConvergesToTheBaselineWithTheLockReleasedAndNoCapacityDip() throws Exception {
        List<CrashMatrix.Selection> selections = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            // The analyzed scenario also runs the boundaries into and inside its first ANALYZING step, found by name.
            selections.add(s.label().equals(FULL) ? CrashMatrix.Selection.all(s)
                    : new CrashMatrix.Selection(s, SAMPLE, SEED + s.ordinal(), s.analyzed));
        }
        System.out.println("crash matrix: every boundary of " + FULL + ", " + SAMPLE + " sampled per other scenario,"
                + " seed " + SEED);
        CrashMatrix.Report report;
        try (HarnessPostgres postgres = new HarnessPostgres();
                CrashMatrix matrix = new CrashMatrix(postgres, Path.of("target/quarkus-app/quarkus-run.jar")
                        .toAbsolutePath(), Path.of("target/crash-matrix").toAbsolutePath(), System.out)) {
            report = matrix.run(selections);
        }
        assertEquals(List.of(), report.bad().stream().map(Cell::line).toList(), report.summary());
    }
}
