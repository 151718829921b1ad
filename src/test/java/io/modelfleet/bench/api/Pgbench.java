package io.modelfleet.bench.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgbench running an endpoint's equivalent SQL with as many clients as wrk has connections, prepared statements
 * (the application's driver prepares too), each script one transaction when it writes.
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([\\d.]+) \\(without initial connection time\\)");

    private final Path workDir;
    private final int port;
    private final String database;
    private final int clients;

    Pgbench(Path workDir, int port, String database, int clients) {
        this.workDir = workDir;
        this.port = port;
        this.database = database;
        this.clients = clients;
    }

    double tps(Endpoint endpoint, Map<String, String> variables, int seconds) {
        Path script = workDir.resolve(endpoint.id() + ".pgbench.sql");
        try {
            Files.writeString(script, endpoint.sql());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-c",
                Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds), "-h", "localhost", "-p",
                Integer.toString(port), "-U", "postgres", "-f", script.toString()));
        variables.forEach((k, v) -> command.addAll(List.of("-D", k + "=" + v)));
        command.add(database);
        String output = Processes.run(command, workDir, Map.of("PGPASSWORD", "postgres"));
        Matcher m = TPS.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + output);
        }
        if (!output.contains("number of failed transactions: 0")) {
            throw new IllegalStateException("pgbench had failed transactions:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }
}
