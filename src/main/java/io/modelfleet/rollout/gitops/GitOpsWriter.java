package io.modelfleet.rollout.gitops;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelfleet.rollout.kube.ManifestYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a cluster's desired objects as plain YAML for Argo CD or Flux: one folder per cluster, one file per
 * object named {@code <kind>-<name>.yaml}, and a kustomization.yaml listing them. A file is rewritten only when
 * its bytes change (atomically, through a temporary file), so re-running writes nothing; files of objects no
 * longer desired are removed, but only files ModelFleet wrote (they carry its header).
 */
public final class GitOpsWriter {

    static final String HEADER = "# Managed by ModelFleet; edits are overwritten on the next rollout.\n";

    private final Path root;

    public GitOpsWriter(Path root) {
        this.root = root;
    }

    /** What a write did: files created or changed, and files removed; both empty when nothing changed. */
    public record Result(List<String> written, List<String> removed) {

        public boolean changed() {
            return !written.isEmpty() || !removed.isEmpty();
        }
    }

    public Path clusterDirectory(String directory) {
        return root.resolve(directory).normalize();
    }

    /** Makes the folder hold exactly {@code objects}. */
    public Result write(String directory, List<? extends HasMetadata> objects) {
        Path dir = checked(directory);
        try {
            Files.createDirectories(dir);
            Set<String> desired = new TreeSet<>();
            List<String> written = new ArrayList<>();
            for (HasMetadata object : objects) {
                String file = fileName(object);
                desired.add(file);
                if (writeIfChanged(dir.resolve(file), HEADER + ManifestYaml.of(object))) {
                    written.add(file);
                }
            }
            List<String> removed = removeStale(dir, desired);
            if (writeIfChanged(dir.resolve("kustomization.yaml"), kustomization(desired))) {
                written.add("kustomization.yaml");
            }
            return new Result(written, removed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write GitOps directory " + dir, e);
        }
    }

    /** Writes or replaces one object's file and refreshes the folder's kustomization. */
    public void upsert(String directory, HasMetadata object) {
        Path dir = checked(directory);
        try {
            Files.createDirectories(dir);
            writeIfChanged(dir.resolve(fileName(object)), HEADER + ManifestYaml.of(object));
            refreshKustomization(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir, e);
        }
    }

    /** Removes one object's file (only if ModelFleet wrote it) and refreshes the kustomization. */
    public void remove(String directory, HasMetadata object) {
        Path dir = checked(directory);
        Path file = dir.resolve(fileName(object));
        try {
            if (Files.exists(file) && Files.readString(file).startsWith(HEADER)) {
                Files.delete(file);
                refreshKustomization(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    /** The object as its file holds it, if the file exists. */
    public java.util.Optional<HasMetadata> find(String directory, HasMetadata object) {
        String yaml = read(directory, object);
        if (yaml == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ManifestYaml.parse(yaml.substring(HEADER.length()), object.getClass()));
    }

    /** Names of the Deployments whose files are in the folder. */
    public List<String> deploymentNames(String directory) {
        Path dir = checked(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("deployment-"))
                    .map(n -> n.substring("deployment-".length(), n.length() - ".yaml".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path checked(String directory) {
        Path dir = clusterDirectory(directory);
        if (!dir.startsWith(root.normalize())) {
            throw new IllegalArgumentException("GitOps directory escapes the root: " + directory);
        }
        return dir;
    }

    private void refreshKustomization(Path dir) throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).forEach(files::add);
        }
        if (files.isEmpty()) {
            Files.deleteIfExists(dir.resolve("kustomization.yaml"));
        } else {
            writeIfChanged(dir.resolve("kustomization.yaml"), kustomization(files));
        }
    }

    /** The YAML currently in the folder for one object, or null: what a rollback restores. */
    public String read(String directory, HasMetadata object) {
        Path file = clusterDirectory(directory).resolve(fileName(object));
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fileName(HasMetadata object) {
        return object.getKind().toLowerCase(Locale.ROOT) + "-" + object.getMetadata().getName() + ".yaml";
    }

    private static String kustomization(Set<String> files) {
        StringBuilder out = new StringBuilder(HEADER).append("apiVersion: kustomize.config.k8s.io/v1beta1\n")
                .append("kind: Kustomization\nresources:\n");
        files.forEach(f -> out.append("  - ").append(f).append('\n'));
        return out.toString();
    }

    private static boolean writeIfChanged(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        Path temp = Files.createTempFile(file.getParent(), ".modelfleet-", ".tmp");
        Files.write(temp, bytes);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    private static List<String> removeStale(Path dir, Set<String> desired) throws IOException {
        List<String> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yaml") && !name.equals("kustomization.yaml") && !desired.contains(name)
                        && Files.readString(file).startsWith(HEADER)) {
                    Files.delete(file);
                    removed.add(name);
                }
            }
        }
        return removed;
    }
}
