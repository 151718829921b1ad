package io.modelfleet.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the CLI touches outside itself, passed in rather than read from {@code System}, so tests run it
 * in-process with captured streams, their own environment and a temporary config directory.
 *
 * @param interactive whether stderr is a terminal: progress bars redraw one line, and a watched rollout redraws its
 *                    tree, only then; otherwise each update is a new line
 */
public record CliIo(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, Path home,
        boolean interactive) {

    public static CliIo system() {
        return new CliIo(System.in, writer(System.out), writer(System.err), System.getenv(),
                Path.of(System.getProperty("user.home")), System.console() != null);
    }

    public static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
