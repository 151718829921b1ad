package io.modelfleet.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.fleet.service.ProtectedNamespaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectedNamespacesTest {

    @TempDir
    Path dir;

    @Test
    void theControlPlanesOwnNamespaceComesFromItsPodAndTheListedOnesFromConfig() throws IOException {
        Path podNamespace = Files.writeString(dir.resolve("namespace"), "modelfleet\n");
        ProtectedNamespaces namespaces = new ProtectedNamespaces(List.of("kube-system", " kube-public "),
                podNamespace);
        assertEquals(Optional.of("is the control plane's own namespace"), namespaces.why("modelfleet"));
        assertEquals(Optional.of("is protected (modelfleet.rollout.protected-namespaces)"),
                namespaces.why("kube-public"));
        assertEquals(Optional.empty(), namespaces.why("default"));
        assertEquals(Optional.empty(), namespaces.why("serving"));
        assertEquals(Optional.empty(), namespaces.why(null));
    }

    @Test
    void outsideAPodOnlyTheListedNamespacesAreProtected() {
        ProtectedNamespaces namespaces = new ProtectedNamespaces(List.of("kube-system"), dir.resolve("absent"));
        assertEquals(Optional.empty(), namespaces.why("modelfleet"));
        assertEquals(Optional.of("is protected (modelfleet.rollout.protected-namespaces)"),
                namespaces.why("kube-system"));
    }
}
