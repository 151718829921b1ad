package io.modelfleet.rollout.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the writer at every single filesystem mutation of multi-file operations, then runs the same operation
 * again with a fresh writer (a restarted control plane resuming the step). The crashed state must never have a
 * kustomization listing something missing; the resumed state must be exactly what an uninterrupted run leaves.
 */
class GitOpsCrashTest {

    private static final ClusterFolder CLUSTER = ClusterFolder.named("prod-use1");
    private static int crashPointsCovered;

    @TempDir
    Path base;

    /** A deployment switching hardware the way GitOpsTarget drives it: one call per object. */
    @Test
    void hardwareSwitchObjectByObjectResumesToAnExactFolderAfterACrashAtAnyMutation() throws Exception {
        int points = crashMatrix(this::twoDeploymentsOnCpu, writer -> {
            writer.upsert(CLUSTER, "resnet-prod", deployment("resnet-prod", "g4dn-xlarge"));
            writer.upsert(CLUSTER, "resnet-prod", pdb("resnet-prod", "g4dn-xlarge"));
            writer.upsert(CLUSTER, "resnet-prod", service("resnet-prod", "2.0.0"));
            writer.remove(CLUSTER, "resnet-prod", deployment("resnet-prod", "c6i-xlarge"));
            writer.remove(CLUSTER, "resnet-prod", pdb("resnet-prod", "c6i-xlarge"));
        });
        // Each changed file is 4 mutations (write temp, fsync, rename, fsync folder), each delete 2 (delete, fsync
        // folder): 2 new files with their kustomization rewrite (16), the Service alone (4, same listing), and 2
        // removals each with a kustomization rewrite (12). The cluster kustomization does not change.
        assertEquals(32, points);
    }

    /** The same switch in one call that makes the folder hold exactly the new objects. */
    @Test
    void hardwareSwitchInOneWriteResumesToAnExactFolderAfterACrashAtAnyMutation() throws Exception {
        int points = crashMatrix(this::twoDeploymentsOnCpu, writer -> writer.write(CLUSTER, "resnet-prod",
                List.of(deployment("resnet-prod", "g4dn-xlarge"), pdb("resnet-prod", "g4dn-xlarge"),
                        service("resnet-prod", "2.0.0"))));
        // 3 files (12), the deployment kustomization (4), 2 stale files deleted (4).
        assertEquals(20, points);
    }

    /** A new cluster folder: the owner record, the deployment folder and the cluster kustomization appear. */
    @Test
    void aClusterFoldersFirstObjectsSurviveACrashAtAnyMutation() throws Exception {
        crashMatrix(writer -> { }, writer -> {
            writer.upsert(CLUSTER, "bert-prod", deployment("bert-prod", "inf1-xlarge"));
            writer.upsert(CLUSTER, "bert-prod", service("bert-prod", "1.0.0"));
        });
    }

    /** A second deployment's folder gains its first object beside an existing one. */
    @Test
    void aDeploymentFoldersFirstObjectSurvivesACrashAtAnyMutation() throws Exception {
        crashMatrix(writer -> writer.upsert(CLUSTER, "resnet-prod", deployment("resnet-prod", "c6i-xlarge")),
                writer -> writer.upsert(CLUSTER, "bert-prod", deployment("bert-prod", "inf1-xlarge")));
    }

    /** A deployment folder loses its last objects: unlisted from the cluster first, then removed. */
    @Test
    void aDeploymentFoldersLastObjectsLeaveNoDanglingListingAfterACrashAtAnyMutation() throws Exception {
        crashMatrix(this::twoDeploymentsOnCpu, writer -> {
            writer.remove(CLUSTER, "bert-prod", deployment("bert-prod", "c6i-xlarge"));
            writer.remove(CLUSTER, "bert-prod", pdb("bert-prod", "c6i-xlarge"));
            writer.remove(CLUSTER, "bert-prod", service("bert-prod", "1.0.0"));
        });
    }

    /** Emptying a folder through write() takes the same path. */
    @Test
    void writingNoObjectsEmptiesAndRemovesTheFolderSafelyAfterACrashAtAnyMutation() throws Exception {
        crashMatrix(this::twoDeploymentsOnCpu, writer -> writer.write(CLUSTER, "bert-prod", List.of()));
    }

    /** The durable order for one new file: temp written, fsynced, renamed, folder fsynced; folders likewise. */
    @Test
    void everyFileIsFsyncedBeforeItsRenameAndItsFolderAfter() {
        List<String> calls = new java.util.ArrayList<>();
        FileMutations recording = new RecordingMutations(calls);
        new GitOpsWriter(base, recording).upsert(CLUSTER, "resnet-prod", deployment("resnet-prod", "c6i-xlarge"));
        String root = base.getFileName().toString();
        assertEquals(List.of(
                "mkdir prod-use1", "fsync directory " + root,
                "write temp in prod-use1", "fsync temp", "rename to .modelfleet-cluster", "fsync directory prod-use1",
                "mkdir resnet-prod", "fsync directory prod-use1",
                "write temp in resnet-prod", "fsync temp", "rename to deployment-resnet-prod-int8-c6i-xlarge.yaml",
                "fsync directory resnet-prod",
                "write temp in resnet-prod", "fsync temp", "rename to kustomization.yaml", "fsync directory resnet-prod",
                "write temp in prod-use1", "fsync temp", "rename to kustomization.yaml", "fsync directory prod-use1"),
                calls);
    }

    @AfterAll
    static void report() {
        System.out.println("GitOps crash points covered: " + crashPointsCovered);
    }

    // ---- the matrix ----

    private interface Operation {
        void run(GitOpsWriter writer) throws Exception;
    }

    /**
     * For k = 1, 2, ... until the operation runs through: a fresh root set up by {@code setup}, the operation
     * stopped at its k-th mutation, the crashed state checked, the operation run again, the result checked and
     * compared byte for byte with an uninterrupted run. Returns the number of crash points.
     */
    private int crashMatrix(Operation setup, Operation operation) throws Exception {
        Path reference = base.resolve("reference");
        setup.run(new GitOpsWriter(reference));
        operation.run(new GitOpsWriter(reference));
        Map<String, String> expected = snapshot(reference);
        assertConverged(reference);
        if (GitOpsFolders.kubectlAvailable()) {
            GitOpsFolders.kustomize(reference.resolve(CLUSTER.directory()));
        }

        for (int k = 1; ; k++) {
            Path root = base.resolve("crash-" + k);
            setup.run(new GitOpsWriter(root));
            CrashingMutations crashing = new CrashingMutations(k);
            try {
                operation.run(new GitOpsWriter(root, crashing));
            } catch (Crash expectedCrash) {
                // the process died at mutation k
            }
            if (!crashing.crashed) {
                int points = k - 1;
                crashPointsCovered += points;
                return points;
            }
            assertEveryListedEntryExists(root, "crashed at mutation " + k + " (" + crashing.what + ")");
            operation.run(new GitOpsWriter(root));
            assertConverged(root);
            assertEquals(expected, snapshot(root), "resumed after a crash at mutation " + k + " (" + crashing.what
                    + ") the folder is what an uninterrupted run leaves");
        }
    }

    private void twoDeploymentsOnCpu(GitOpsWriter writer) {
        for (String name : List.of("resnet-prod", "bert-prod")) {
            writer.upsert(CLUSTER, name, deployment(name, "c6i-xlarge"));
            writer.upsert(CLUSTER, name, pdb(name, "c6i-xlarge"));
            writer.upsert(CLUSTER, name, service(name, "1.0.0"));
        }
    }

    // ---- invariants ----

    /** Every entry a kustomization lists exists: a file, or a folder with its own kustomization. */
    private static void assertEveryListedEntryExists(Path root, String when) throws IOException {
        for (Path kustomization : kustomizations(root)) {
            for (String entry : GitOpsFolders.listed(kustomization)) {
                Path listed = kustomization.getParent().resolve(entry);
                assertTrue(Files.isRegularFile(listed) || Files.isRegularFile(listed.resolve("kustomization.yaml")),
                        when + ": " + root.relativize(kustomization) + " lists missing " + entry);
            }
        }
    }

    /** Listings equal what is present, the owner is recorded, no temporary file is left, every file is 0644. */
    private static void assertConverged(Path root) throws IOException {
        Path cluster = root.resolve(CLUSTER.directory());
        assertEquals("prod-use1\n", Files.readString(cluster.resolve(".modelfleet-cluster")));
        Set<String> deploymentFolders = new TreeSet<>();
        try (Stream<Path> entries = Files.list(cluster)) {
            for (Path folder : entries.filter(Files::isDirectory).toList()) {
                deploymentFolders.add(folder.getFileName().toString());
                Set<String> present = new TreeSet<>();
                try (Stream<Path> files = Files.list(folder)) {
                    files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml"))
                            .forEach(present::add);
                }
                assertEquals(present, GitOpsFolders.listed(folder.resolve("kustomization.yaml")),
                        folder.getFileName() + " lists exactly its files");
            }
        }
        assertEquals(deploymentFolders, GitOpsFolders.listed(cluster.resolve("kustomization.yaml")),
                "the cluster folder lists exactly its deployment folders");
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.toList()) {
                assertTrue(!path.getFileName().toString().endsWith(".tmp"), "left behind: " + path);
                if (Files.isRegularFile(path)) {
                    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)),
                            path.toString());
                }
            }
        }
    }

    private static List<Path> kustomizations(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
    }

    /** Relative path to content of every file under the root. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return out;
    }

    // ---- the crash ----

    private static final class Crash extends RuntimeException {
        Crash(String what) {
            super("simulated crash at " + what, null, false, false);
        }
    }

    /**
     * The real filesystem until mutation k, which does not happen (a temporary file is left half written, as a
     * process killed mid-write leaves it); that mutation and every later one throw, so no clean-up runs.
     */
    private static final class CrashingMutations implements FileMutations {

        private final FileMutations real = new DurableFileMutations();
        private final int crashAt;
        private int count;
        boolean crashed;
        String what;

        CrashingMutations(int crashAt) {
            this.crashAt = crashAt;
        }

        private boolean crashesAt(String mutation, Path path) {
            if (crashed) {
                throw new Crash("after the crash: " + mutation + " " + path);
            }
            count++;
            if (count < crashAt) {
                return false;
            }
            crashed = true;
            what = mutation + " " + path.getFileName();
            return true;
        }

        @Override
        public void createDirectory(Path dir) throws IOException {
            if (crashesAt("mkdir", dir)) {
                throw new Crash(what);
            }
            real.createDirectory(dir);
        }

        @Override
        public Path writeTemp(Path dir, byte[] bytes) throws IOException {
            if (crashesAt("write temp in", dir)) {
                real.writeTemp(dir, Arrays.copyOf(bytes, bytes.length / 2));
                throw new Crash(what);
            }
            return real.writeTemp(dir, bytes);
        }

        @Override
        public void force(Path file) throws IOException {
            if (crashesAt("fsync", file)) {
                throw new Crash(what);
            }
            real.force(file);
        }

        @Override
        public void rename(Path source, Path target) throws IOException {
            if (crashesAt("rename to", target)) {
                throw new Crash(what);
            }
            real.rename(source, target);
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
            if (crashesAt("fsync directory", dir)) {
                throw new Crash(what);
            }
            real.forceDirectory(dir);
        }

        @Override
        public void delete(Path path) throws IOException {
            if (crashesAt("delete", path)) {
                throw new Crash(what);
            }
            real.delete(path);
        }

        @Override
        public void makeReadableByAll(Path file) throws IOException {
            if (crashesAt("chmod", file)) {
                throw new Crash(what);
            }
            real.makeReadableByAll(file);
        }
    }

    /** The real filesystem, noting each mutation by the name of what it touches. */
    private record RecordingMutations(List<String> calls) implements FileMutations {

        private static final FileMutations REAL = new DurableFileMutations();

        @Override
        public void createDirectory(Path dir) throws IOException {
            calls.add("mkdir " + dir.getFileName());
            REAL.createDirectory(dir);
        }

        @Override
        public Path writeTemp(Path dir, byte[] bytes) throws IOException {
            calls.add("write temp in " + dir.getFileName());
            return REAL.writeTemp(dir, bytes);
        }

        @Override
        public void force(Path file) throws IOException {
            calls.add(GitOpsFiles.isTemp(file) ? "fsync temp" : "fsync " + file.getFileName());
            REAL.force(file);
        }

        @Override
        public void rename(Path source, Path target) throws IOException {
            calls.add("rename to " + target.getFileName());
            REAL.rename(source, target);
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
            calls.add("fsync directory " + dir.getFileName());
            REAL.forceDirectory(dir);
        }

        @Override
        public void delete(Path path) throws IOException {
            calls.add("delete " + path.getFileName());
            REAL.delete(path);
        }

        @Override
        public void makeReadableByAll(Path file) throws IOException {
            calls.add("chmod " + file.getFileName());
            REAL.makeReadableByAll(file);
        }
    }

    // ---- objects shaped like the renderer's, labelled with their deployment ----

    private static HasMetadata deployment(String deployment, String hardware) {
        String name = deployment + "-int8-" + hardware;
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("inference")
                .withLabels(Map.of("modelfleet.io/deployment", deployment)).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().addNewContainer().withName("server").withImage("openvino/model_server:2024.4")
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static HasMetadata pdb(String deployment, String hardware) {
        String name = deployment + "-int8-" + hardware;
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName(name).withNamespace("inference")
                .withLabels(Map.of("modelfleet.io/deployment", deployment)).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(1)).withNewSelector()
                .withMatchLabels(Map.of("app", name)).endSelector().endSpec().build();
    }

    private static HasMetadata service(String deployment, String version) {
        return new ServiceBuilder().withNewMetadata().withName(deployment).withNamespace("inference")
                .withLabels(Map.of("modelfleet.io/deployment", deployment, "modelfleet.io/version", version))
                .endMetadata().withNewSpec().withSelector(Map.of("modelfleet.io/deployment", deployment))
                .addNewPort().withName("http").withPort(8000).endPort().endSpec().build();
    }
}
