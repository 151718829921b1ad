package io.modelfleet.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The full crash-point matrix as a program: every boundary of every scenario (or of the scenarios named as
 * arguments, e.g. {@code in-place abort}). Needs the packaged application:
 * <pre>
 * ./mvnw -q -o package -DskipTests
 * ./mvnw -q -o test-compile exec:java -Dexec.mainClass=io.modelfleet.crash.CrashMatrixMain [-Dexec.args="abort"]
 * </pre>
 * Exits 1 when any cell is not right.
 */
public final class CrashMatrixMain {

    private CrashMatrixMain() {
    }

    public static void main(String[] args) throws Exception {
        List<CrashMatrix.Selection> selections = new ArrayList<>();
        List<String> names = Arrays.asList(args);
        // -Dcrash.sample=<n>: n seeded boundaries per scenario instead of all (0: baselines only, plus the analyzed
        // scenario's boundaries into and inside ANALYZING).
        Integer sample = Integer.getInteger("crash.sample");
        long seed = Long.getLong("crash.seed", 20261201L);
        for (Scenario s : Scenario.values()) {
            if (names.isEmpty() || names.contains(s.label())) {
                selections.add(sample == null ? CrashMatrix.Selection.all(s)
                        : new CrashMatrix.Selection(s, sample, seed + s.ordinal(), s.analyzed));
            }
        }
        if (selections.isEmpty()) {
            throw new IllegalArgumentException("no scenario named " + names + "; scenarios: "
                    + Arrays.stream(Scenario.values()).map(Scenario::label).toList());
        }
        CrashMatrix.Report report;
        try (HarnessPostgres postgres = new HarnessPostgres();
                CrashMatrix matrix = new CrashMatrix(postgres, Path.of("target/quarkus-app/quarkus-run.jar")
                        .toAbsolutePath(), Path.of("target/crash-matrix").toAbsolutePath(), System.out)) {
            report = matrix.run(selections);
        }
        System.exit(report.bad().isEmpty() ? 0 : 1);
    }
}
