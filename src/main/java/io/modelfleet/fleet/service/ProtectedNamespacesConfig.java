package io.modelfleet.fleet.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/**
 * The namespaces only an admin may name in a cluster target. The key sits under {@code modelfleet.rollout} (it
 * bounds where rollouts write) but the rule is the fleet's, and the fleet does not depend on rollouts.
 */
@ConfigMapping(prefix = "modelfleet.rollout")
public interface ProtectedNamespacesConfig {

    /**
     * Comma-separated namespaces, besides the control plane's own (read from its pod), that only an admin may
     * name as a target namespace.
     */
    @WithDefault("kube-system,kube-public,kube-node-lease")
    List<String> protectedNamespaces();
}
