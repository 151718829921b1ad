package io.modelfleet.bench.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a tool to completion and returns what it printed; a non-zero exit is an error carrying that output. */
final class Processes {

    private Processes() {
    }

    static String run(List<String> command, Path workDir, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process p = builder.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /**
     * The benchmark needs wrk and pgbench. As root (CI, this machine) a missing one is installed from Debian; anyone
     * else is told which package to install.
     */
    static void require(String program, String debianPackage) {
        if (onPath(program)) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            throw new IllegalStateException(program + " is not installed: apt-get install " + debianPackage);
        }
        run(List.of("apt-get", "update"), Path.of("."), Map.of());
        run(List.of("apt-get", "install", "-y", "--no-install-recommends", debianPackage), Path.of("."),
                Map.of("DEBIAN_FRONTEND", "noninteractive"));
        if (!onPath(program)) {
            throw new IllegalStateException("installed " + debianPackage + " but " + program + " is still missing");
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Path.of(dir, program).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }
}
