package io.modelfleet.bench.api;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Throughput of the API against the database it stands on. Starts a PostgreSQL, the packaged control plane on it,
 * and for each endpoint runs, back to back on the same server: a warm-up, wrk at full speed, pgbench running the
 * endpoint's equivalent SQL, and wrk paced to half the rate it reached (where the p99 goal applies). Prints one
 * table row per endpoint, with the control plane's CPU time per request at full speed (cpu ms): the figure
 * that says what bounds the rate on a given machine, and that stays meaningful when other work shares it.
 *
 * <pre>./mvnw -q package -DskipTests &amp;&amp; ./mvnw -q test-compile exec:java -Dexec.mainClass=io.modelfleet.bench.api.ApiBenchmark</pre>
 *
 * Properties: {@code bench.seconds} (10) per measurement, {@code bench.warmup-seconds} (60, at most: warm-up ends when
 * the rate is stable), {@code
 * bench.connections} (16), {@code bench.only} (comma-separated endpoint ids), {@code bench.jvm-options} (extra
 * options of the control plane's JVM, e.g. a JFR recording), {@code bench.jar}.
 */
public final class ApiBenchmark {

    private static final double P99_GOAL_MS = 25;

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        int warmup = Integer.getInteger("bench.warmup-seconds", 60);
        int connections = Integer.getInteger("bench.connections", 16);
        Set<String> only = Arrays.stream(System.getProperty("bench.only", "").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package -DskipTests first");
        }
        Processes.require("wrk", "wrk");
        Processes.require("pgbench", "postgresql-client");
        Path work = Files.createTempDirectory("modelfleet-api-bench");
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        String extra = System.getProperty("bench.jvm-options", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(Arrays.asList(extra.split("\\s+")));
        }

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource admin = postgres.getPostgresDatabase();
            execute(admin, "CREATE DATABASE bench");
            DataSource db = postgres.getDatabase("postgres", "bench");
            System.out.printf(Locale.ROOT, "PostgreSQL %s (fsync=%s, synchronous_commit=%s); %d connections, %d s per"
                    + " measurement after %d s warm-up; %d cores%n", one(db, "SHOW server_version"),
                    one(db, "SHOW fsync"), one(db, "SHOW synchronous_commit"), connections, seconds, warmup,
                    Runtime.getRuntime().availableProcessors());
            try (ControlPlaneProcess app = ControlPlaneProcess.start(jar, postgres.getPort(), "bench", work, jvm)) {
                Fixture fixture = Fixture.seed(app.base(), db);
                Wrk wrk = new Wrk(work, Math.min(2, connections), connections);
                Pgbench pgbench = new Pgbench(work, postgres.getPort(), "bench", connections);
                List<Row> rows = new ArrayList<>();
                for (Endpoint raw : Endpoints.all()) {
                    if (!only.isEmpty() && !only.contains(raw.id())) {
                        continue;
                    }
                    Endpoint e = new Endpoint(raw.id(), raw.kind(), raw.method(),
                            raw.path().replace("{variant}", fixture.variantId()), raw.body(), raw.sql());
                    String token = fixture.operatorToken();
                    warmUp(wrk, app, e, token, warmup);
                    double cpuBefore = CpuTime.seconds(app.pid());
                    Wrk.Result full = checked(e, wrk.run(app.base(), e, token, "f", seconds, 0));
                    double cpuMsPerRequest = (CpuTime.seconds(app.pid()) - cpuBefore) * 1000 / full.requests();
                    double tps = pgbench.tps(e, fixture.variables(), seconds);
                    // Closed loop with a pause: each connection waits so the total is half the full rate.
                    double pause = Math.max(1, connections * 1000.0 / (full.rate() / 2) - full.p50Ms());
                    Wrk.Result half = checked(e, wrk.run(app.base(), e, token, "h", seconds, pause));
                    Row row = new Row(e, full, tps, half, cpuMsPerRequest);
                    rows.add(row);
                    System.out.println(row.format());
                }
                System.out.println();
                System.out.println(Row.HEADER);
                rows.forEach(r -> System.out.println(r.format()));
                System.out.println("control plane log: " + app.log());
            }
        }
    }

    /**
     * The JIT compiles the endpoint's code while it warms up, on the same cores the measurement needs: rounds of 5 s
     * until the rate of one round is within 5% of the last's, or the warm-up budget is spent.
     */
    private static void warmUp(Wrk wrk, ControlPlaneProcess app, Endpoint e, String token, int budgetSeconds) {
        double last = 0;
        int round = 0;
        for (int spent = 0; spent < budgetSeconds; spent += 5) {
            double rate = checked(e, wrk.run(app.base(), e, token, "w" + round++, 5, 0)).rate();
            if (last > 0 && Math.abs(rate - last) <= 0.05 * last) {
                return;
            }
            last = rate;
        }
    }

    private static Wrk.Result checked(Endpoint e, Wrk.Result r) {
        if (r.badStatus() > 0 || r.socketErrors() > 0) {
            throw new IllegalStateException(e.label() + ": " + r.badStatus() + " answers >= 300 and " + r.socketErrors()
                    + " socket errors; the first: " + r.firstBadAnswer());
        }
        return r;
    }

    record Row(Endpoint endpoint, Wrk.Result full, double pgbenchTps, Wrk.Result half, double cpuMs) {

        static final String HEADER = String.format(Locale.ROOT, "%-40s %9s %9s %6s %6s %7s %8s %9s %8s %7s  %s",
                "endpoint", "req/s", "pgbench", "ratio", "goal", "p50 ms", "p99 ms", "half r/s", "p99@half", "cpu ms",
                "met");

        String format() {
            double ratio = full.rate() / pgbenchTps;
            boolean met = ratio >= endpoint.kind().goalRatio && half.p99Ms() < P99_GOAL_MS;
            return String.format(Locale.ROOT, "%-40s %9.0f %9.0f %5.0f%% %5.0f%% %7.2f %8.2f %9.0f %8.2f %7.2f  %s",
                    endpoint.label(), full.rate(), pgbenchTps, ratio * 100, endpoint.kind().goalRatio * 100,
                    full.p50Ms(), full.p99Ms(), half.rate(), half.p99Ms(), cpuMs, met ? "yes" : "NO");
        }
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String one(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
