package io.modelfleet.fleet.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Namespaces only an admin may name as a cluster target's namespace: those listed in
 * {@code modelfleet.rollout.protected-namespaces} (by default Kubernetes' own: kube-system, kube-public,
 * kube-node-lease) and the namespace the control plane itself runs in, read from its pod's service-account
 * namespace file. {@code default} is not protected: it is where workloads go when nothing else is configured.
 */
@ApplicationScoped
public class ProtectedNamespaces {

    static final Path POD_NAMESPACE_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private final List<String> listed;
    private final Optional<String> own;

    @Inject
    ProtectedNamespaces(ProtectedNamespacesConfig config) {
        this(config.protectedNamespaces(), POD_NAMESPACE_FILE);
    }

    /** @param podNamespaceFile absent outside Kubernetes (or without a mounted service-account token) */
    public ProtectedNamespaces(List<String> listed, Path podNamespaceFile) {
        this.listed = listed.stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
        this.own = readOwn(podNamespaceFile);
    }

    /** Why {@code namespace} is protected, or empty when it is not (or null: no namespace named). */
    public Optional<String> why(String namespace) {
        if (namespace == null) {
            return Optional.empty();
        }
        if (own.isPresent() && own.get().equals(namespace)) {
            return Optional.of("is the control plane's own namespace");
        }
        if (listed.contains(namespace)) {
            return Optional.of("is protected (modelfleet.rollout.protected-namespaces)");
        }
        return Optional.empty();
    }

    private static Optional<String> readOwn(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String namespace = Files.readString(file).trim();
            return namespace.isEmpty() ? Optional.empty() : Optional.of(namespace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the control plane's namespace from " + file, e);
        }
    }
}
