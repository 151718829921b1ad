package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.modelfleet.api.security.OutboundAddresses;

/**
 * Checks, before every request a cluster client sends, that the API server's DNS name does not resolve to a
 * loopback, link-local, metadata or unspecified address ({@link OutboundAddresses#forbiddenResolved}), so a name
 * that passed validation and later points there is refused. Fabric8's Vert.x client offers no hook at the
 * socket's connect, so the name is looked up here with the JDK resolver just before Vert.x looks it up again: a
 * resolver that answers differently within that instant (a rebinding attack with TTL 0) is not excluded.
 */
final class OutboundAddressGuard implements Interceptor {

    static final String NAME = "modelfleet-outbound-address";

    private final String cluster;
    private final OutboundAddresses addresses;

    OutboundAddressGuard(String cluster, OutboundAddresses addresses) {
        this.cluster = cluster;
        this.addresses = addresses;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        addresses.forbiddenResolved(request.uri()).ifPresent(why -> {
            throw new TargetConfigurationException(cluster, "target.apiServer " + why);
        });
    }
}
