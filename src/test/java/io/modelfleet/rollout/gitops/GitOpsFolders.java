package io.modelfleet.rollout.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reading GitOps folders in tests: what a kustomization lists, and what kustomize itself makes of a folder. */
public final class GitOpsFolders {

    private GitOpsFolders() {
    }

    /** The resources a kustomization.yaml lists; empty when the file is absent. */
    public static Set<String> listed(Path kustomization) throws IOException {
        Set<String> out = new TreeSet<>();
        if (!Files.exists(kustomization)) {
            return out;
        }
        boolean inResources = false;
        for (String line : Files.readAllLines(kustomization)) {
            if (line.startsWith("resources:")) {
                inResources = true;
            } else if (inResources && line.startsWith("  - ")) {
                out.add(line.substring(4));
            } else {
                inResources = false;
            }
        }
        return out;
    }

    /** Whether {@code kubectl} (Debian's kubernetes-client or any other) is on the PATH. */
    public static boolean kubectlAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl")));
    }

    /** Runs {@code kubectl kustomize <folder>}, fails the test unless it exits 0, and returns the built YAML. */
    public static String kustomize(Path folder) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", folder.toString()).redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl kustomize " + folder + " did not finish in 60 s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "kubectl kustomize " + folder + ":\n" + text);
        return text;
    }
}
