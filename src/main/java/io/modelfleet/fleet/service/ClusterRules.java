package io.modelfleet.fleet.service;

import io.modelfleet.api.Names;
import io.modelfleet.api.Violations;
import io.modelfleet.api.security.OutboundAddresses;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.fleet.dto.ClusterSpec;
import io.modelfleet.planning.PlanningBounds;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks a cluster spec; a missing target means GITOPS, the default that needs no cluster access. */
public final class ClusterRules {

    static final int MAX_NODE_POOLS = 64;
    /**
     * Where cluster credentials may be referenced from — deliberately narrow, so a reference can never point at
     * the control plane's own secrets (database, admin token, service-account token): environment variables
     * named MODELFLEET_CLUSTER_*, files under /etc/modelfleet/cluster-credentials/, Secrets named
     * modelfleet-cluster-*, or an EKS cluster (token presigned from the control plane's AWS identity).
     */
    static final String CREDENTIALS_REF_PATTERN = "(secret:[a-z0-9.-]+/modelfleet-cluster-[a-z0-9.-]+"
            + "|file:/etc/modelfleet/cluster-credentials/[A-Za-z0-9._-]+"
            + "|env:MODELFLEET_CLUSTER_[A-Z0-9_]+"
            + "|eks:[a-z]{2}(-[a-z]+)+-\\d+/[A-Za-z0-9][A-Za-z0-9_-]*)";

    private ClusterRules() {
    }

    public static ClusterSpec normalize(String name, ClusterSpec spec) {
        Violations v = new Violations();
        if (spec == null) {
            v.add("body", "is required").throwIfAny();
        }
        Names.check(v, "name", name);
        Names.region(v, "region", spec.region());
        ClusterSpec.Target target = spec.target() == null
                ? new ClusterSpec.Target(TargetType.GITOPS, null, null, null, null, null) : spec.target();
        checkTargetText(v, target);
        checkTarget(v, target);
        List<ClusterSpec.NodePool> pools = spec.nodePools() == null ? List.of() : spec.nodePools();
        Set<String> names = new HashSet<>();
        for (int i = 0; v.maxSize("nodePools", pools, MAX_NODE_POOLS) && i < pools.size(); i++) {
            String at = "nodePools[" + i + "]";
            ClusterSpec.NodePool pool = pools.get(i);
            if (!v.required(at, pool)) {
                continue;
            }
            Names.check(v, at + ".name", pool.name());
            if (pool.name() != null && !names.add(pool.name())) {
                v.add(at + ".name", "duplicates node pool '" + pool.name() + "'");
            }
            Names.check(v, at + ".hardware", pool.hardware());
            v.required(at + ".capacityType", pool.capacityType());
            v.positiveAtMost(at + ".maxNodes", pool.maxNodes(), PlanningBounds.MAX_NODES_PER_POOL);
        }
        String account = blankToNull(spec.accountId());
        v.matches("accountId", account, "\\d{12}", "must be a 12-digit AWS account id");
        ClusterSpec.Metrics metrics = MetricsSourceRules.normalize(v, spec.metrics());
        v.throwIfAny();
        TargetType type = target.type() == null ? TargetType.GITOPS : target.type();
        return new ClusterSpec(name, spec.region(), new ClusterSpec.Target(type, blankToNull(target.context()),
                blankToNull(target.apiServer()), blankToNull(target.namespace()), blankToNull(target.credentialsRef()),
                blankToNull(target.directory())), List.copyOf(pools), account, metrics);
    }

    /** Lengths first: every target field is stored in the cluster's JSONB target and shown back. */
    private static void checkTargetText(Violations v, ClusterSpec.Target target) {
        v.text("target.context", target.context(), 253);
        v.text("target.apiServer", target.apiServer(), 2048);
        v.text("target.credentialsRef", target.credentialsRef(), 512);
        v.text("target.directory", target.directory(), 1024);
        v.text("target.namespace", target.namespace(), 253);
    }

    private static void checkTarget(Violations v, ClusterSpec.Target target) {
        TargetType type = target.type() == null ? TargetType.GITOPS : target.type();
        if (type == TargetType.KUBERNETES) {
            String context = blankToNull(target.context());
            String apiServer = blankToNull(target.apiServer());
            String ref = blankToNull(target.credentialsRef());
            if (context == null && apiServer == null) {
                v.add("target", "a KUBERNETES target needs a kube context or an apiServer URL");
            }
            if (context != null && apiServer != null) {
                v.add("target", "names both context '" + context + "' and apiServer " + apiServer
                        + "; a target reaches exactly one cluster, so name one of them");
            }
            if (apiServer != null) {
                try {
                    URI uri = URI.create(apiServer);
                    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                        v.add("target.apiServer", "must be an https:// URL of the Kubernetes API server");
                    }
                } catch (IllegalArgumentException e) {
                    v.add("target.apiServer", "is not a valid URL");
                }
            }
            if (ref != null) {
                v.matches("target.credentialsRef", ref, CREDENTIALS_REF_PATTERN,
                        "must reference credentials, never contain them: secret:<namespace>/modelfleet-cluster-<name>,"
                                + " file:/etc/modelfleet/cluster-credentials/<file>, env:MODELFLEET_CLUSTER_<NAME> or"
                                + " eks:<region>/<cluster>");
                if (context != null && apiServer == null) {
                    v.add("target.credentialsRef", "goes with an apiServer; context '" + context
                            + "' takes its server and credentials from the control plane's kubeconfig");
                }
            } else if (apiServer != null) {
                v.add("target.credentialsRef", "is required with an apiServer (the control plane never connects"
                        + " anonymously): secret:<namespace>/modelfleet-cluster-<name>,"
                        + " file:/etc/modelfleet/cluster-credentials/<file>, env:MODELFLEET_CLUSTER_<NAME> or"
                        + " eks:<region>/<cluster>");
            }
            if (blankToNull(target.directory()) != null) {
                v.add("target.directory", "applies to GITOPS targets only");
            }
        } else {
            if (blankToNull(target.context()) != null || blankToNull(target.apiServer()) != null
                    || blankToNull(target.credentialsRef()) != null) {
                v.add("target", "a GITOPS target takes only a directory; context, apiServer and credentialsRef"
                        + " belong to KUBERNETES targets");
            }
            String dir = blankToNull(target.directory());
            if (dir != null && (dir.startsWith("/") || dir.contains("..") || !dir.matches("[A-Za-z0-9._/-]+"))) {
                v.add("target.directory", "must be a relative path inside the GitOps root without '..'");
            }
        }
        if (blankToNull(target.namespace()) != null) {
            Names.check(v, "target.namespace", target.namespace());
        }
    }

    /**
     * Why a normalized target needs an admin, empty when an operator may set it: the {@code in-cluster} context
     * (the control plane's own cluster and service account), a credentials reference other than {@code eks:}
     * (the control plane sends its token to the named server), a protected namespace, and an apiServer at an
     * address the control plane must not call for an operator ({@link #outboundAddressReasons}).
     */
    public static List<String> adminOnly(ClusterSpec.Target target, ProtectedNamespaces protectedNamespaces) {
        List<String> reasons = new ArrayList<>();
        if (ClusterTarget.IN_CLUSTER.equals(target.context())) {
            reasons.add("target.context '" + ClusterTarget.IN_CLUSTER + "' reaches the cluster the control plane runs"
                    + " in with the control plane's own service account; only an admin may set it");
        }
        String ref = target.credentialsRef();
        if (ref != null && !ref.startsWith("eks:")) {
            reasons.add("target.credentialsRef makes the control plane send a token to the target's API server;"
                    + " only an admin may set one (eks: references excepted)");
        }
        protectedNamespaces.why(target.namespace()).ifPresent(why -> reasons.add("target.namespace '"
                + target.namespace() + "' " + why + "; only an admin may target it"));
        outboundAddressReasons(target).ifPresent(reasons::add);
        return reasons;
    }

    /** {@link #adminOnly(ClusterSpec.Target, ProtectedNamespaces)} and the metrics source's reasons, in that order. */
    public static List<String> adminOnly(ClusterSpec spec, ProtectedNamespaces protectedNamespaces) {
        List<String> reasons = adminOnly(spec.target(), protectedNamespaces);
        reasons.addAll(MetricsSourceRules.adminOnly(spec.metrics()));
        return reasons;
    }

    /**
     * An apiServer at a loopback, link-local, metadata or unspecified address (in any notation, or a name that is
     * always loopback) needs an admin: the control plane would send requests, and a token, to itself or its
     * host. Names that merely resolve there are refused when the connection is made ({@link OutboundAddresses}).
     */
    static Optional<String> outboundAddressReasons(ClusterSpec.Target target) {
        if (target.apiServer() == null) {
            return Optional.empty();
        }
        return OutboundAddresses.forbiddenLiteral(target.apiServer()).map(why -> "target.apiServer " + why
                + "; only an admin may point a cluster at loopback, link-local, metadata or unspecified addresses");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
