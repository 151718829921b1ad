package io.modelfleet.fleet.rest;

import io.modelfleet.api.Names;
import io.modelfleet.api.NamedResourceEndpoints;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.common.Saved;
import io.modelfleet.fleet.dto.ClusterSpec;
import io.modelfleet.fleet.dto.ClusterView;
import io.modelfleet.fleet.service.ClusterRules;
import io.modelfleet.fleet.service.ClusterService;
import io.modelfleet.api.security.Role;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "clusters", description = "Clusters with their node pools and how to reach them")
public class ClusterResource extends NamedResourceEndpoints<ClusterSpec, ClusterView> {

    private final ClusterService service;
    private final SecurityIdentity identity;

    public ClusterResource(ClusterService service, SecurityIdentity identity,
            @ConfigProperty(name = "modelfleet.api.max-page-size") int maxPageSize) {
        super(maxPageSize, ClusterView::revision);
        this.service = service;
        this.identity = identity;
    }

    @Override
    protected Uni<Page<ClusterView>> listPage(PageRequest page) {
        return service.list(page);
    }

    @Override
    protected Uni<ClusterView> find(String name) {
        return service.get(name);
    }

    /**
     * A credentials reference makes the control plane send a token to the target's API server, so only an
     * admin may set one (EKS references excepted: their endpoint comes from EKS, not from the request).
     */
    @Override
    protected ClusterSpec normalize(String name, ClusterSpec body) {
        ClusterSpec spec = ClusterRules.normalize(Names.fromPath(name, body == null ? null : body.name()), body);
        String ref = spec.target().credentialsRef();
        if (ref != null && !ref.startsWith("eks:") && !identity.hasRole(Role.ADMIN_NAME)) {
            throw new ForbiddenException("only an admin may set target.credentialsRef");
        }
        return spec;
    }

    @Override
    protected Uni<Saved<ClusterView>> save(ClusterSpec spec, String ifMatch) {
        return service.put(spec, ifMatch);
    }

    @Override
    protected Uni<Void> remove(String name, String ifMatch) {
        return service.delete(name, ifMatch);
    }
}
