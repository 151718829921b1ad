package io.modelfleet.fleet.rest;

import io.modelfleet.api.Names;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.Responses;
import io.modelfleet.api.security.Role;
import io.modelfleet.fleet.dto.DeploymentSpec;
import io.modelfleet.fleet.dto.DeploymentView;
import io.modelfleet.fleet.service.DeploymentRules;
import io.modelfleet.fleet.service.DeploymentService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "deployments", description = "Deployments: model version, SLO and demand per cluster")
public class DeploymentResource {

    private final DeploymentService service;
    private final int maxPageSize;

    public DeploymentResource(DeploymentService service,
            @ConfigProperty(name = "modelfleet.api.max-page-size") int maxPageSize) {
        this.service = service;
        this.maxPageSize = maxPageSize;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<Page<DeploymentView>> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(PageRequest.of(page, size, maxPageSize));
    }

    @GET
    @Path("{name}")
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<Response> get(@PathParam("name") String name) {
        return service.get(name).map(view -> Responses.ok(view, view.revision()));
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Uni<Response> put(@PathParam("name") String name, DeploymentSpec body,
            @HeaderParam("If-Match") String ifMatch, @Context UriInfo uri) {
        DeploymentSpec spec = DeploymentRules.normalize(Names.fromPath(name, body == null ? null : body.name()), body);
        return service.put(spec, ifMatch).map(saved -> Responses.saved(saved, DeploymentView::revision, uri));
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Uni<Response> delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch) {
        return service.delete(name, ifMatch).map(ignored -> Responses.noContent());
    }
}
