package io.modelfleet.rollout.gitops;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelfleet.rollout.kube.ManifestYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/**
 * Writes a cluster's desired objects as plain YAML for Argo CD or Flux: one folder per cluster, a subfolder per
 * deployment, one file per object named {@code <kind>-<name>.yaml}, a kustomization.yaml in each deployment
 * folder listing its files, and one in the cluster folder listing the deployment folders, so a GitOps
 * controller can point at the cluster folder.
 *
 * <p>Guarantees, whatever point a crash stops a write at:
 * <ul>
 * <li>every file is replaced atomically (temporary file, fsync, rename, fsync of the folder) and ends 0644;</li>
 * <li>no kustomization.yaml ever lists a file or folder that does not exist: an object's file is written before
 *     the kustomization that lists it, and a kustomization stops listing a file (or a deployment folder)
 *     before the file (or folder) is deleted;</li>
 * <li>running the same operation again leaves each kustomization listing exactly the ModelFleet files (or
 *     deployment folders) present, and no temporary file;</li>
 * <li>a cluster folder belongs to one cluster: its name is recorded in {@value #OWNER_FILE} before anything
 *     else is written, and another cluster writing there, or in a folder inside or around it, is refused.</li>
 * </ul>
 * A file is rewritten only when its bytes change, so re-running writes nothing. Files ModelFleet did not write
 * (they lack its header) are never deleted and never listed.
 *
 * <p>The methods taking a {@link ClusterFolder} do all of the above. The ones taking a plain directory work on
 * that one folder only, with the same file guarantees but no ownership record and no cluster kustomization.
 */
public final class GitOpsWriter {

    static final String HEADER = "# Managed by ModelFleet; edits are overwritten on the next rollout.\n";
    static final String KUSTOMIZATION = "kustomization.yaml";
    static final String OWNER_FILE = ".modelfleet-cluster";

    private final Path root;
    private final GitOpsFiles files;
    /** Folders of one cluster are changed by one thread at a time, so a listing is never computed mid-change. */
    private final ConcurrentMap<Path, Object> locks = new ConcurrentHashMap<>();

    public GitOpsWriter(Path root) {
        this(root, new DurableFileMutations());
    }

    GitOpsWriter(Path root, FileMutations mutations) {
        this.root = root.normalize();
        this.files = new GitOpsFiles(mutations);
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

    public Path clusterDirectory(ClusterFolder cluster) {
        return checked(cluster.directory());
    }

    // ---- cluster folders: ownership and the cluster kustomization ----

    /** Makes the deployment's folder in the cluster folder hold exactly {@code objects}. */
    public Result write(ClusterFolder cluster, String deployment, List<? extends HasMetadata> objects) {
        return changing(cluster, deployment, (clusterDir, folder) -> {
            claim(cluster, clusterDir);
            if (objects.isEmpty()) {
                return new Result(List.of(), emptyDeploymentFolder(clusterDir, folder, managedFiles(folder)));
            }
            Result result = writeFolder(folder, objects);
            syncClusterKustomization(clusterDir, null);
            return result;
        });
    }

    /** Writes or replaces one object's file and keeps the deployment's and the cluster's kustomization in step. */
    public void upsert(ClusterFolder cluster, String deployment, HasMetadata object) {
        changing(cluster, deployment, (clusterDir, folder) -> {
            claim(cluster, clusterDir);
            files.ensureDirectory(folder);
            files.writeIfChanged(folder.resolve(fileName(object)), HEADER + ManifestYaml.of(object));
            files.writeIfChanged(folder.resolve(KUSTOMIZATION), kustomization(managedFiles(folder)));
            syncClusterKustomization(clusterDir, null);
            return null;
        });
    }

    /**
     * Removes one object's file (only if ModelFleet wrote it). The last object takes its deployment folder with
     * it: the cluster kustomization stops listing the folder first, then the folder is emptied and removed.
     */
    public void remove(ClusterFolder cluster, String deployment, HasMetadata object) {
        changing(cluster, deployment, (clusterDir, folder) -> {
            if (!Files.isDirectory(folder)) {
                return null;
            }
            claim(cluster, clusterDir);
            Path file = folder.resolve(fileName(object));
            boolean ours = isManaged(file);
            Set<String> remaining = managedFiles(folder);
            remaining.remove(file.getFileName().toString());
            if (remaining.isEmpty()) {
                emptyDeploymentFolder(clusterDir, folder, ours ? Set.of(file.getFileName().toString()) : Set.of());
                return null;
            }
            files.writeIfChanged(folder.resolve(KUSTOMIZATION), kustomization(remaining));
            if (ours) {
                files.deleteIfPresent(file);
            }
            syncClusterKustomization(clusterDir, null);
            return null;
        });
    }

    /** The object as its file in the deployment's folder holds it, if the file exists. */
    public Optional<HasMetadata> find(ClusterFolder cluster, String deployment, HasMetadata object) {
        return parsed(read(cluster, deployment, object), object);
    }

    /** The YAML currently in the deployment's folder for one object, or null: what a rollback restores. */
    public String read(ClusterFolder cluster, String deployment, HasMetadata object) {
        Path folder = readable(cluster, deployment);
        return readFile(folder.resolve(fileName(object)));
    }

    /** Names of the Deployments whose files are in the deployment's folder. */
    public List<String> deploymentNames(ClusterFolder cluster, String deployment) {
        return deploymentNamesIn(readable(cluster, deployment));
    }

    // ---- single folders ----

    /** Makes the folder hold exactly {@code objects}. */
    public Result write(String directory, List<? extends HasMetadata> objects) {
        Path dir = checked(directory);
        return locked(dir, () -> writeFolder(dir, objects));
    }

    /** Writes or replaces one object's file and refreshes the folder's kustomization. */
    public void upsert(String directory, HasMetadata object) {
        Path dir = checked(directory);
        locked(dir, () -> {
            files.ensureDirectory(dir);
            files.writeIfChanged(dir.resolve(fileName(object)), HEADER + ManifestYaml.of(object));
            refreshFolderKustomization(dir, Set.of());
            return null;
        });
    }

    /** Removes one object's file (only if ModelFleet wrote it), after the kustomization stops listing it. */
    public void remove(String directory, HasMetadata object) {
        Path dir = checked(directory);
        Path file = dir.resolve(fileName(object));
        locked(dir, () -> {
            if (isManaged(file)) {
                refreshFolderKustomization(dir, Set.of(file.getFileName().toString()));
                files.deleteIfPresent(file);
            }
            return null;
        });
    }

    /** The object as its file holds it, if the file exists. */
    public Optional<HasMetadata> find(String directory, HasMetadata object) {
        return parsed(read(directory, object), object);
    }

    /** The YAML currently in the folder for one object, or null: what a rollback restores. */
    public String read(String directory, HasMetadata object) {
        return readFile(clusterDirectory(directory).resolve(fileName(object)));
    }

    /** Names of the Deployments whose files are in the folder. */
    public List<String> deploymentNames(String directory) {
        return deploymentNamesIn(checked(directory));
    }

    static String fileName(HasMetadata object) {
        return object.getKind().toLowerCase(Locale.ROOT) + "-" + object.getMetadata().getName() + ".yaml";
    }

    // ---- the steps ----

    private Result writeFolder(Path folder, List<? extends HasMetadata> objects) throws IOException {
        files.ensureDirectory(folder);
        Map<String, String> desired = new LinkedHashMap<>();
        for (HasMetadata object : objects) {
            desired.put(fileName(object), HEADER + ManifestYaml.of(object));
        }
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> file : desired.entrySet()) {
            if (files.writeIfChanged(folder.resolve(file.getKey()), file.getValue())) {
                written.add(file.getKey());
            }
        }
        // Listed before the stale files go: every desired file exists by now, and none of the stale ones is listed.
        if (files.writeIfChanged(folder.resolve(KUSTOMIZATION), kustomization(new TreeSet<>(desired.keySet())))) {
            written.add(KUSTOMIZATION);
        }
        List<String> removed = new ArrayList<>();
        for (String stale : managedFiles(folder)) {
            if (!desired.containsKey(stale) && files.deleteIfPresent(folder.resolve(stale))) {
                removed.add(stale);
            }
        }
        return new Result(written, removed);
    }

    /** Unlist the folder from the cluster, drop its kustomization, then its files, then the folder if empty. */
    private List<String> emptyDeploymentFolder(Path clusterDir, Path folder, Set<String> ours) throws IOException {
        if (!Files.isDirectory(folder)) {
            syncClusterKustomization(clusterDir, null);
            return List.of();
        }
        syncClusterKustomization(clusterDir, folder.getFileName().toString());
        files.deleteIfPresent(folder.resolve(KUSTOMIZATION));
        List<String> removed = new ArrayList<>();
        for (String name : new TreeSet<>(ours)) {
            if (files.deleteIfPresent(folder.resolve(name))) {
                removed.add(name);
            }
        }
        files.deleteDirectoryIfEmpty(folder);
        return removed;
    }

    private void refreshFolderKustomization(Path dir, Set<String> leaving) throws IOException {
        Set<String> listed = managedFiles(dir);
        listed.removeAll(leaving);
        if (listed.isEmpty()) {
            files.deleteIfPresent(dir.resolve(KUSTOMIZATION));
        } else {
            files.writeIfChanged(dir.resolve(KUSTOMIZATION), kustomization(listed));
        }
    }

    /** Lists the deployment folders that have a ModelFleet kustomization, except {@code leaving}. */
    private void syncClusterKustomization(Path clusterDir, String leaving) throws IOException {
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> entries = Files.list(clusterDir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry) && !name.startsWith(".") && !name.equals(leaving)
                        && isManaged(entry.resolve(KUSTOMIZATION))) {
                    folders.add(name);
                }
            }
        }
        files.writeIfChanged(clusterDir.resolve(KUSTOMIZATION), kustomization(folders));
    }

    // ---- ownership ----

    /** Records the owner before anything else lands in the cluster folder; ownership was checked already. */
    private void claim(ClusterFolder cluster, Path clusterDir) throws IOException {
        if (owner(clusterDir).isPresent()) {
            return;
        }
        files.ensureDirectory(clusterDir);
        files.writeIfChanged(clusterDir.resolve(OWNER_FILE), cluster.cluster() + "\n");
        Optional<String> owner = owner(clusterDir);
        if (!owner.equals(Optional.of(cluster.cluster()))) {
            throw owned(clusterDir, owner.orElse("?"), cluster.cluster(), "belongs to");
        }
    }

    /** Refuses a cluster folder that another cluster owns, lies inside, or that holds another cluster's folder. */
    private void checkOwnership(String cluster, Path clusterDir, Path folder) throws IOException {
        for (Path around = clusterDir.getParent(); around != null && around.startsWith(root);
                around = around.getParent()) {
            Optional<String> owner = owner(around);
            if (owner.isPresent() && !owner.get().equals(cluster)) {
                throw new GitOpsDirectoryOwnedException("GitOps directory '" + relative(clusterDir)
                        + "' of cluster '" + cluster + "' lies inside '" + relative(around) + "', which belongs to"
                        + " cluster '" + owner.get() + "'", owner.get(), cluster);
            }
        }
        Optional<String> owner = owner(clusterDir);
        if (owner.isPresent() && !owner.get().equals(cluster)) {
            throw owned(clusterDir, owner.get(), cluster, "belongs to");
        }
        Optional<String> inside = owner(folder);
        if (inside.isPresent() && !inside.get().equals(cluster)) {
            throw owned(folder, inside.get(), cluster, "is the folder of");
        }
    }

    private GitOpsDirectoryOwnedException owned(Path dir, String owner, String cluster, String relation) {
        return new GitOpsDirectoryOwnedException("GitOps directory '" + relative(dir) + "' " + relation
                + " cluster '" + owner + "'; cluster '" + cluster + "' cannot write to it", owner, cluster);
    }

    private static Optional<String> owner(Path dir) throws IOException {
        Path marker = dir.resolve(OWNER_FILE);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(marker).strip());
    }

    // ---- paths, locks, reading ----

    private interface FolderStep<T> {
        T run(Path clusterDir, Path folder) throws IOException;
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    private <T> T changing(ClusterFolder cluster, String deployment, FolderStep<T> step) {
        Path clusterDir = checked(cluster.directory());
        Path folder = deploymentFolder(clusterDir, deployment);
        return locked(clusterDir, () -> {
            checkOwnership(cluster.cluster(), clusterDir, folder);
            return step.run(clusterDir, folder);
        });
    }

    private Path readable(ClusterFolder cluster, String deployment) {
        Path clusterDir = checked(cluster.directory());
        Path folder = deploymentFolder(clusterDir, deployment);
        try {
            checkOwnership(cluster.cluster(), clusterDir, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GitOps directory " + clusterDir, e);
        }
        return folder;
    }

    private <T> T locked(Path dir, Step<T> step) {
        synchronized (locks.computeIfAbsent(dir, d -> new Object())) {
            try {
                return step.run();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write GitOps directory " + dir, e);
            }
        }
    }

    private Path checked(String directory) {
        Path dir = clusterDirectory(directory);
        if (!dir.startsWith(root)) {
            throw new IllegalArgumentException("GitOps directory escapes the root: " + directory);
        }
        return dir;
    }

    private static Path deploymentFolder(Path clusterDir, String deployment) {
        Path folder = clusterDir.resolve(deployment).normalize();
        if (deployment.isBlank() || deployment.startsWith(".") || !clusterDir.equals(folder.getParent())) {
            throw new IllegalArgumentException("a deployment's GitOps folder must be one folder inside the cluster"
                    + " folder, not '" + deployment + "'");
        }
        return folder;
    }

    private String relative(Path dir) {
        String path = root.relativize(dir).toString();
        return path.isEmpty() ? "." : path;
    }

    /** Object files ModelFleet wrote in the folder: the ones its kustomization lists. */
    private static Set<String> managedFiles(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".yaml") && !name.startsWith(".") && !name.equals(KUSTOMIZATION)
                        && isManaged(entry)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static boolean isManaged(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(header.length), header);
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<HasMetadata> parsed(String yaml, HasMetadata object) {
        if (yaml == null) {
            return Optional.empty();
        }
        return Optional.of(ManifestYaml.parse(yaml.substring(HEADER.length()), object.getClass()));
    }

    private static List<String> deploymentNamesIn(Path dir) {
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

    private static String kustomization(Set<String> resources) {
        StringBuilder out = new StringBuilder(HEADER).append("apiVersion: kustomize.config.k8s.io/v1beta1\n")
                .append("kind: Kustomization\n");
        if (resources.isEmpty()) {
            return out.append("resources: []\n").toString();
        }
        out.append("resources:\n");
        resources.forEach(r -> out.append("  - ").append(r).append('\n'));
        return out.toString();
    }
}
