package io.modelfleet.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI's real entry in-process, as the launcher would, with captured stdout and stderr, its own
 * environment and a temporary config directory ({@code XDG_CONFIG_HOME}), so tests never touch the user's.
 */
final class CliRunner {

    /** What one invocation did. */
    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    final Path configHome;
    private final Map<String, String> env = new HashMap<>();

    CliRunner() {
        try {
            configHome = Files.createTempDirectory("modelfleet-cli-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("XDG_CONFIG_HOME", configHome.toString());
    }

    CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path configFile() {
        return configHome.resolve("modelfleet").resolve("config");
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CliIo io = new CliIo(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), outWriter, errWriter,
                Map.copyOf(env), configHome.resolve("home"), false);
        int status = Cli.run(args, io);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
