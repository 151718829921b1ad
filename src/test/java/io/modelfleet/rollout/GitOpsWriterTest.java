package io.modelfleet.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelfleet.rollout.gitops.ClusterFolder;
import io.modelfleet.rollout.gitops.GitOpsDirectoryOwnedException;
import io.modelfleet.rollout.gitops.GitOpsFolders;
import io.modelfleet.rollout.gitops.GitOpsWriter;
import io.modelfleet.rollout.kube.ManifestRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitOpsWriterTest {

    @TempDir
    Path root;

    private static final ClusterFolder PROD = ClusterFolder.named("prod-use1");

    private final ManifestRenderer renderer = ManifestRenderer.withDefaults();

    @Test
    void writesOneFilePerObjectAndAKustomization() throws Exception {
        GitOpsWriter writer = new GitOpsWriter(root);
        GitOpsWriter.Result result = writer.write("prod-use1", renderer.render(Workloads.t4()));
        assertEquals(List.of("deployment-resnet-prod-int8-g4dn-xlarge.yaml", "service-resnet-prod.yaml",
                "poddisruptionbudget-resnet-prod-int8-g4dn-xlarge.yaml", "kustomization.yaml"), result.written());
        String kustomization = Files.readString(root.resolve("prod-use1/kustomization.yaml"));
        assertTrue(kustomization.contains("  - deployment-resnet-prod-int8-g4dn-xlarge.yaml\n"));
        assertTrue(Files.readString(root.resolve("prod-use1/deployment-resnet-prod-int8-g4dn-xlarge.yaml"))
                .contains("nvidia.com/gpu: \"1\""));
    }

    @Test
    void rerunningWritesIdenticalBytesAndTouchesNothing() throws Exception {
        GitOpsWriter writer = new GitOpsWriter(root);
        List<HasMetadata> objects = renderer.render(Workloads.inferentia());
        writer.write("prod-use1", objects);
        Map<String, byte[]> before = snapshot(root.resolve("prod-use1"));
        FileTime old = FileTime.fromMillis(1_000_000);
        for (Path file : files(root.resolve("prod-use1"))) {
            Files.setLastModifiedTime(file, old);
        }
        GitOpsWriter.Result again = writer.write("prod-use1", renderer.render(Workloads.inferentia()));
        assertFalse(again.changed());
        Map<String, byte[]> after = snapshot(root.resolve("prod-use1"));
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(name)), name));
        for (Path file : files(root.resolve("prod-use1"))) {
            assertEquals(old, Files.getLastModifiedTime(file), "untouched: " + file);
        }
    }

    @Test
    void objectsNoLongerDesiredAreRemovedButForeignFilesAreKept() throws Exception {
        GitOpsWriter writer = new GitOpsWriter(root);
        writer.write("prod-use1", renderer.render(Workloads.t4()));
        Files.writeString(root.resolve("prod-use1/extra.yaml"), "kind: ConfigMap\n");
        GitOpsWriter.Result result = writer.write("prod-use1", renderer.render(Workloads.cpu()));
        assertEquals(List.of("deployment-resnet-prod-int8-g4dn-xlarge.yaml",
                "poddisruptionbudget-resnet-prod-int8-g4dn-xlarge.yaml", "service-resnet-prod.yaml"), result.removed());
        assertTrue(Files.exists(root.resolve("prod-use1/extra.yaml")));
        assertEquals(Set.of("deployment-resnet-batch-int8-c6i-xlarge.yaml", "service-resnet-batch.yaml"),
                GitOpsFolders.listed(root.resolve("prod-use1/kustomization.yaml")),
                "a file ModelFleet did not write is kept but not listed");
    }

    @Test
    void theClusterFolderRecordsItsOwnerAndListsTheDeploymentFoldersThatHaveObjects() throws Exception {
        GitOpsWriter writer = new GitOpsWriter(root);
        upsertAll(writer, PROD, "resnet-prod", renderer.render(Workloads.t4()));
        upsertAll(writer, PROD, "bert-prod", renderer.render(Workloads.inferentia()));
        Path cluster = root.resolve("prod-use1");
        assertEquals("prod-use1\n", Files.readString(cluster.resolve(".modelfleet-cluster")));
        assertEquals("# Managed by ModelFleet; edits are overwritten on the next rollout.\n"
                + "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
                + "  - bert-prod\n  - resnet-prod\n", Files.readString(cluster.resolve("kustomization.yaml")));

        for (HasMetadata object : renderer.render(Workloads.inferentia())) {
            writer.remove(PROD, "bert-prod", object);
        }
        assertFalse(Files.exists(cluster.resolve("bert-prod")), "the emptied deployment folder is removed");
        assertEquals(Set.of("resnet-prod"), GitOpsFolders.listed(cluster.resolve("kustomization.yaml")));
        writer.remove(PROD, "gone", renderer.render(Workloads.cpu()).get(0));
        assertEquals(List.of(".modelfleet-cluster", "kustomization.yaml", "resnet-prod"), names(cluster),
                "removing from a folder that does not exist changes nothing");
    }

    @Test
    void everyFileIsReadableByAllSoAGitSidecarOrArgoCdRunningAsAnotherUserCanReadIt() throws Exception {
        GitOpsWriter writer = new GitOpsWriter(root);
        upsertAll(writer, PROD, "resnet-prod", renderer.render(Workloads.t4()));
        writer.write("flat", renderer.render(Workloads.cpu()));
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(9, all.size(), all.toString());
        for (Path file : all) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    root.relativize(file).toString());
        }
    }

    @Test
    void leftoverTemporaryFilesAndOwnerOnlyModesAreRepairedByTheNextWrite() throws Exception {
        GitOpsWriter writer = new GitOpsWriter(root);
        List<HasMetadata> objects = renderer.render(Workloads.t4());
        upsertAll(writer, PROD, "resnet-prod", objects);
        Path folder = root.resolve("prod-use1/resnet-prod");
        Files.writeString(folder.resolve(".modelfleet-123.tmp"), "half a deploy");
        Files.writeString(root.resolve("prod-use1/.modelfleet-456.tmp"), "half a kustomiz");
        Path service = folder.resolve("service-resnet-prod.yaml");
        String before = Files.readString(service);
        Files.setPosixFilePermissions(service, PosixFilePermissions.fromString("rw-------"));

        upsertAll(writer, PROD, "resnet-prod", objects);

        assertEquals(List.of("deployment-resnet-prod-int8-g4dn-xlarge.yaml", "kustomization.yaml",
                "poddisruptionbudget-resnet-prod-int8-g4dn-xlarge.yaml", "service-resnet-prod.yaml"), names(folder));
        assertEquals(List.of(".modelfleet-cluster", "kustomization.yaml", "resnet-prod"),
                names(root.resolve("prod-use1")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(service)));
        assertEquals(before, Files.readString(service));
    }

    @Test
    void twoClustersCannotShareOneDirectoryNorNestOneInsideTheOther() throws Exception {
        GitOpsWriter writer = new GitOpsWriter(root);
        ClusterFolder owner = new ClusterFolder("prod-use1", "shared");
        upsertAll(writer, owner, "resnet-prod", renderer.render(Workloads.t4()));
        Map<String, byte[]> before = snapshot(root.resolve("shared/resnet-prod"));
        HasMetadata bert = renderer.render(Workloads.inferentia()).get(0);

        GitOpsDirectoryOwnedException same = assertThrows(GitOpsDirectoryOwnedException.class,
                () -> writer.upsert(new ClusterFolder("prod-euw1", "shared"), "resnet-prod", bert));
        assertEquals("GitOps directory 'shared' belongs to cluster 'prod-use1'; cluster 'prod-euw1' cannot write"
                + " to it", same.getMessage());
        assertEquals("prod-use1", same.owner());
        assertEquals("prod-euw1", same.cluster());
        GitOpsDirectoryOwnedException inside = assertThrows(GitOpsDirectoryOwnedException.class,
                () -> writer.upsert(new ClusterFolder("prod-euw1", "shared/resnet-prod/x"), "bert-prod", bert));
        assertEquals("GitOps directory 'shared/resnet-prod/x' of cluster 'prod-euw1' lies inside 'shared', which"
                + " belongs to cluster 'prod-use1'", inside.getMessage());
        GitOpsDirectoryOwnedException around = assertThrows(GitOpsDirectoryOwnedException.class,
                () -> writer.upsert(new ClusterFolder("everything", "."), "shared", bert));
        assertEquals("GitOps directory 'shared' is the folder of cluster 'prod-use1'; cluster 'everything' cannot"
                + " write to it", around.getMessage());
        assertThrows(GitOpsDirectoryOwnedException.class,
                () -> writer.find(new ClusterFolder("prod-euw1", "shared"), "resnet-prod", bert));

        assertEquals(List.of(".modelfleet-cluster", "kustomization.yaml", "resnet-prod"), names(root.resolve("shared")));
        Map<String, byte[]> after = snapshot(root.resolve("shared/resnet-prod"));
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(name)), name));
        assertFalse(Files.exists(root.resolve(".modelfleet-cluster")), "a refused cluster claims nothing");
    }

    @Test
    void kubectlKustomizeBuildsTheClusterFolderWithEveryDeploymentsObjects() throws Exception {
        Assumptions.assumeTrue(GitOpsFolders.kubectlAvailable(), "kubectl is not on the PATH");
        GitOpsWriter writer = new GitOpsWriter(root);
        upsertAll(writer, PROD, "resnet-prod", renderer.render(Workloads.t4()));
        upsertAll(writer, PROD, "bert-prod", renderer.render(Workloads.inferentia()));
        String built = GitOpsFolders.kustomize(root.resolve("prod-use1"));
        List<String> kinds = built.lines().filter(l -> l.startsWith("kind: ")).sorted().toList();
        assertEquals(List.of("kind: Deployment", "kind: Deployment", "kind: PodDisruptionBudget",
                "kind: PodDisruptionBudget", "kind: Service", "kind: Service"), kinds);
        assertTrue(built.contains("name: resnet-prod-int8-g4dn-xlarge\n"), built);
        assertTrue(built.contains("name: bert-prod-bf16-inf1-xlarge\n"), built);
    }

    private static void upsertAll(GitOpsWriter writer, ClusterFolder cluster, String deployment,
            List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            writer.upsert(cluster, deployment, object);
        }
    }

    private static List<String> names(Path dir) throws Exception {
        return files(dir).stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void aDirectoryOutsideTheRootIsRefused() {
        GitOpsWriter writer = new GitOpsWriter(root);
        assertThrows(IllegalArgumentException.class, () -> writer.write("../elsewhere", List.of()));
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static Map<String, byte[]> snapshot(Path dir) throws Exception {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        for (Path f : files(dir)) {
            out.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
        return out;
    }
}
