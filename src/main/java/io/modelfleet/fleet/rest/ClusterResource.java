package io.modelfleet.fleet.rest;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Names;
import io.modelfleet.api.NamedResourceEndpoints;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.common.Saved;
import io.modelfleet.fleet.dto.ClusterSpec;
import io.modelfleet.fleet.dto.ClusterView;
import io.modelfleet.fleet.service.ClusterRules;
import io.modelfleet.fleet.service.ClusterService;
import io.modelfleet.fleet.service.ProtectedNamespaces;
import io.modelfleet.api.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "clusters", description = "Clusters with their node pools and how to reach them")
public class ClusterResource extends NamedResourceEndpoints<ClusterSpec, ClusterView> {

    private final ClusterService service;
    private final SecurityIdentity identity;
    private final ProtectedNamespaces protectedNamespaces;

    public ClusterResource(ClusterService service, SecurityIdentity identity, ProtectedNamespaces protectedNamespaces,
            ApiConfig api) {
        super(api.maxPageSize(), ClusterView::revision);
        this.service = service;
        this.identity = identity;
        this.protectedNamespaces = protectedNamespaces;
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
     * Targets that reach further than an operator's own workloads need an admin ({@link ClusterRules#adminOnly}):
     * the control plane's own cluster, a credentials reference, a protected namespace, a metrics source at a
     * loopback or metadata address or with a token. The 403 says which.
     */
    @Override
    protected ClusterSpec normalize(String name, ClusterSpec body) {
        ClusterSpec spec = ClusterRules.normalize(Names.fromPath(name, body == null ? null : body.name()), body);
        if (!identity.hasRole(Role.ADMIN_NAME)) {
            List<String> reasons = ClusterRules.adminOnly(spec, protectedNamespaces);
            if (!reasons.isEmpty()) {
                throw ProblemException.forbidden(String.join("; ", reasons));
            }
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
