package io.modelfleet.plans;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "plans", description = "Cost-optimal placements with proof (bound, gap), explanations and baselines")
public class PlanResource {

    private final PlanService service;
    private final SecurityIdentity identity;
    private final int maxPageSize;

    public PlanResource(PlanService service, SecurityIdentity identity, ApiConfig api) {
        this.service = service;
        this.identity = identity;
        this.maxPageSize = api.maxPageSize();
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    public Uni<Response> create(PlanRequest request, @Context UriInfo uri) {
        String who = identity.getPrincipal().getName();
        return service.create(request, who).map(plan -> Response
                .created(uri.getAbsolutePathBuilder().path(plan.get("id").asText()).build()).entity(plan).build());
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<Page<ObjectNode>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return service.list(PageRequest.of(page, size, maxPageSize));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<ObjectNode> get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    /** Every option the planner considered, paged; the plan body keeps only the cheapest per pair. */
    @GET
    @Path("{id}/alternatives")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "All options of a plan's pairs: chosen, costlier cheapest first, then rejected by rule")
    public Uni<Page<AlternativeItem>> alternatives(@PathParam("id") UUID id,
            @QueryParam("deployment") String deployment, @QueryParam("cluster") String cluster,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return service.alternatives(id, blankToNull(deployment), blankToNull(cluster),
                PageRequest.of(page, size, maxPageSize));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
