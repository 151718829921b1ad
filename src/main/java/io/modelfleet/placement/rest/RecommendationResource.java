package io.modelfleet.placement.rest;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.security.Role;
import io.modelfleet.placement.dto.AcceptedRecommendation;
import io.modelfleet.placement.dto.DismissRequest;
import io.modelfleet.placement.dto.PlacementStatusView;
import io.modelfleet.placement.dto.RecommendationView;
import io.modelfleet.placement.service.RecommendationService;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "recommendations", description = "Moves the re-planning loop found worth making: accept one to roll it"
        + " out, or dismiss it")
public class RecommendationResource {

    private final RecommendationService service;
    private final SecurityIdentity identity;
    private final int maxPageSize;

    public RecommendationResource(RecommendationService service, SecurityIdentity identity, ApiConfig api) {
        this.service = service;
        this.identity = identity;
        this.maxPageSize = api.maxPageSize();
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "Recommendations, newest first: OPEN ones unless status says"
            + " otherwise (ALL for every status)")
    @APIResponse(responseCode = "400", description = "An unknown status, a bad deployment name or page")
    public Uni<Page<RecommendationView>> list(@QueryParam("status") String status,
            @QueryParam("deployment") String deployment, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return service.list(status, deployment, PageRequest.of(page, size, maxPageSize));
    }

    @GET
    @Path("status")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "Who evaluates, triggers waiting, the last evaluation")
    public Uni<PlacementStatusView> status() {
        return service.status();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "The recommendation")
    @APIResponse(responseCode = "404", description = "No such recommendation")
    public Uni<RecommendationView> get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    @Path("{id}/accept")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "201", description = "Accepted: the recommendation (ACCEPTED, with planId and"
            + " rolloutId) and the rollout started, with the rollout's Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AcceptedRecommendation.class)))
    @APIResponse(responseCode = "404", description = "No such recommendation")
    @APIResponse(responseCode = "409", description = "It is not OPEN (the detail names its status, and the rollout"
            + " of an accepted one), a fresh plan no longer proposes its target, or the rollout cannot start")
    public Uni<RestResponse<AcceptedRecommendation>> accept(@PathParam("id") UUID id, @Context UriInfo uri) {
        return service.accept(id, identity.getPrincipal().getName()).map(accepted -> RestResponse.ResponseBuilder
                .<AcceptedRecommendation>created(uri.getBaseUriBuilder().path("api/v1/rollouts")
                        .path(accepted.rollout().id().toString()).build())
                .entity(accepted).build());
    }

    @POST
    @Path("{id}/dismiss")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "The recommendation, DISMISSED: the same move is not"
            + " recommended again until its inputs change")
    @APIResponse(responseCode = "400", description = "A note over 500 characters")
    @APIResponse(responseCode = "404", description = "No such recommendation")
    @APIResponse(responseCode = "409", description = "It is neither PENDING nor OPEN")
    public Uni<RecommendationView> dismiss(@PathParam("id") UUID id, DismissRequest request) {
        return service.dismiss(id, identity.getPrincipal().getName(), request);
    }
}
