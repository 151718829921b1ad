package io.modelfleet.fleet.rest;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Names;
import io.modelfleet.api.NamedResourceEndpoints;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.common.Saved;
import io.modelfleet.fleet.dto.DeploymentSpec;
import io.modelfleet.fleet.dto.DeploymentView;
import io.modelfleet.fleet.service.DeploymentRules;
import io.modelfleet.fleet.service.DeploymentService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "deployments", description = "Deployments: model version, SLO and demand per cluster")
public class DeploymentResource extends NamedResourceEndpoints<DeploymentSpec, DeploymentView> {

    private final DeploymentService service;

    public DeploymentResource(DeploymentService service, ApiConfig api) {
        super(api.maxPageSize(), DeploymentView::revision);
        this.service = service;
    }

    @Override
    protected Uni<Page<DeploymentView>> listPage(PageRequest page) {
        return service.list(page);
    }

    @Override
    protected Uni<DeploymentView> find(String name) {
        return service.get(name);
    }

    @Override
    protected DeploymentSpec normalize(String name, DeploymentSpec body) {
        return DeploymentRules.normalize(Names.fromPath(name, body == null ? null : body.name()), body);
    }

    @Override
    protected Uni<Saved<DeploymentView>> save(DeploymentSpec spec, String ifMatch) {
        return service.put(spec, ifMatch);
    }

    @Override
    protected Uni<Void> remove(String name, String ifMatch) {
        return service.delete(name, ifMatch);
    }
}
