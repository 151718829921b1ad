package io.modelfleet.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelfleet.rollout.gitops.GitOpsWriter;
import io.modelfleet.rollout.kube.ManifestRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitOpsWriterTest {

    @TempDir
    Path root;

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
