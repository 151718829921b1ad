package io.modelfleet.fleet.service;

import io.modelfleet.api.Violations;
import io.modelfleet.api.security.OutboundAddresses;
import io.modelfleet.fleet.dto.ClusterSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a cluster's {@code metrics}: an absolute http(s) URL of a Prometheus-compatible API without user info,
 * query or fragment (the client appends {@code /api/v1/query?...} to it), and an optional credentials reference in
 * the forms a target takes. {@code eks:} is refused: an EKS token authenticates to a Kubernetes API server, and
 * sending it to a metrics URL would hand out a credential for the cluster.
 */
final class MetricsSourceRules {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_REFERENCE_LENGTH = 512;

    private MetricsSourceRules() {
    }

    /** The normalized metrics source, null when the spec names none; problems go to {@code v}. */
    static ClusterSpec.Metrics normalize(Violations v, ClusterSpec.Metrics metrics) {
        if (metrics == null) {
            return null;
        }
        String url = trimmed(metrics.prometheusUrl());
        String ref = trimmed(metrics.credentialsRef());
        if (v.required("metrics.prometheusUrl", url)) {
            v.text("metrics.prometheusUrl", url, MAX_URL_LENGTH);
            if (url.length() <= MAX_URL_LENGTH) {
                checkUrl(v, url);
            }
        }
        if (ref != null && !ref.isEmpty()) {
            v.pattern("metrics.credentialsRef", ref, MAX_REFERENCE_LENGTH, ClusterRules.CREDENTIALS_REF_PATTERN,
                    "must reference credentials, never contain them: secret:<namespace>/modelfleet-cluster-<name>,"
                            + " file:/etc/modelfleet/cluster-credentials/<file> or env:MODELFLEET_CLUSTER_<NAME>");
            if (ref.startsWith("eks:")) {
                v.add("metrics.credentialsRef", "eks: tokens authenticate to Kubernetes API servers, not to a"
                        + " metrics source; use secret:, file: or env:");
            }
        }
        return new ClusterSpec.Metrics(url, ref == null || ref.isEmpty() ? null : ref);
    }

    private static void checkUrl(Violations v, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            v.add("metrics.prometheusUrl", "is not a valid URL");
            return;
        }
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.isOpaque() || !("http".equals(scheme) || "https".equals(scheme))
                || uri.getHost() == null) {
            v.add("metrics.prometheusUrl", "must be an absolute http:// or https:// URL with a host, such as"
                    + " https://prometheus.monitoring.svc:9090");
            return;
        }
        if (uri.getRawUserInfo() != null) {
            v.add("metrics.prometheusUrl", "must not carry user info (user:password@); name a credentialsRef");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            v.add("metrics.prometheusUrl", "must not have a query or fragment; it is the base URL before /api/v1");
        }
    }

    /**
     * Why a normalized metrics source needs an admin, empty when an operator may set it: a credentials reference
     * (the control plane sends the token to the URL, which an operator could point anywhere) and a URL at a
     * loopback, link-local, metadata or unspecified address ({@link OutboundAddresses#forbiddenLiteral}).
     */
    static List<String> adminOnly(ClusterSpec.Metrics metrics) {
        List<String> reasons = new ArrayList<>();
        if (metrics == null) {
            return reasons;
        }
        if (metrics.credentialsRef() != null) {
            reasons.add("metrics.credentialsRef makes the control plane send a token to the metrics source; only an"
                    + " admin may set one");
        }
        OutboundAddresses.forbiddenLiteral(metrics.prometheusUrl()).ifPresent(why -> reasons.add(
                "metrics.prometheusUrl " + why + "; only an admin may point a metrics source at loopback, link-local,"
                        + " metadata or unspecified addresses"));
        return reasons;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
