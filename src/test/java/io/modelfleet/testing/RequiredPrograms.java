package io.modelfleet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Programs the tests run for real (wrk, pgbench, prometheus). A missing one is installed from Debian when the tests
 * run as root (CI, this machine); anyone else gets an error naming the package to install. Never a skipped test.
 */
public final class RequiredPrograms {

    private static boolean indexUpdated;

    private RequiredPrograms() {
    }

    /** Returns once {@code program} is on the PATH, installing {@code debianPackage} first if it must. */
    public static synchronized void ensure(String program, String debianPackage) {
        if (onPath(program)) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException(program + " is not installed and the tests do not run as root to install"
                    + " it: run apt-get install " + debianPackage);
        }
        if (!indexUpdated) {
            run(List.of("apt-get", "update"));
            indexUpdated = true;
        }
        run(List.of("apt-get", "install", "-y", "--no-install-recommends", debianPackage));
        if (!onPath(program)) {
            throw new IllegalStateException("installed " + debianPackage + " but " + program + " is still not on the"
                    + " PATH");
        }
    }

    private static void run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            Process p = builder.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ":\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (!dir.isEmpty() && Path.of(dir, program).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }
}
