package io.modelfleet.rollout;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.security.Role;
import io.modelfleet.rollout.RolloutViews.RolloutView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
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
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/v1/rollouts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "rollouts", description = "Apply a stored plan to its clusters in waves, with health gates and rollback")
public class RolloutResource {

    private final RolloutService service;
    private final SecurityIdentity identity;
    private final int maxPageSize;

    public RolloutResource(RolloutService service, SecurityIdentity identity, ApiConfig api) {
        this.service = service;
        this.identity = identity;
        this.maxPageSize = api.maxPageSize();
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "201", description = "The rollout, with Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RolloutView.class)))
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "A deployment of the plan has a rollout in progress, or "
            + "something the plan relied on changed since (the detail lists every change)")
    public Uni<RestResponse<RolloutView>> create(RolloutRequest request, @Context UriInfo uri) {
        return service.create(request, identity.getPrincipal().getName()).map(view -> RestResponse.ResponseBuilder
                .<RolloutView>created(uri.getAbsolutePathBuilder().path(view.id().toString()).build()).entity(view)
                .build());
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "Summaries, newest first (clusters empty)")
    public Uni<Page<RolloutView>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return service.list(PageRequest.of(page, size, maxPageSize));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "The rollout per cluster and per step")
    @APIResponse(responseCode = "404", description = "No such rollout")
    public Uni<RolloutView> get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    @Path("{id}/pause")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "The rollout, PAUSED")
    @APIResponse(responseCode = "404", description = "No such rollout")
    @APIResponse(responseCode = "409", description = "It is not RUNNING, or a cluster is rolling back")
    public Uni<RolloutView> pause(@PathParam("id") UUID id) {
        return service.pause(id);
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "The rollout, RUNNING, every waiting deadline moved by the "
            + "time paused")
    @APIResponse(responseCode = "404", description = "No such rollout")
    @APIResponse(responseCode = "409", description = "It is not PAUSED")
    public Uni<RolloutView> resume(@PathParam("id") UUID id) {
        return service.resume(id);
    }

    @POST
    @Path("{id}/abort")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "The rollout, ABORTING")
    @APIResponse(responseCode = "404", description = "No such rollout")
    @APIResponse(responseCode = "409", description = "It is neither RUNNING nor PAUSED, or a cluster is already "
            + "rolling back from a failure")
    public Uni<RolloutView> abort(@PathParam("id") UUID id) {
        return service.abort(id);
    }

    /**
     * Ends a rollout that cannot finish by itself (a rollback that keeps failing: ROLLBACK_FAILED) as FAILED, with the
     * reason given, and releases its deployments. Admin only: what the rollout changed stays as it is.
     */
    @POST
    @Path("{id}/force-end")
    @RolesAllowed(Role.ADMIN_NAME)
    @APIResponse(responseCode = "200", description = "The rollout, FAILED (FORCE_ENDED), its deployments released")
    @APIResponse(responseCode = "404", description = "No such rollout")
    @APIResponse(responseCode = "409", description = "It has already ended")
    public Uni<RolloutView> forceEnd(@PathParam("id") UUID id, ForceEndRequest request) {
        return service.forceEnd(id, identity.getPrincipal().getName(), request);
    }

    /** Server-sent events: the rollout's state whenever it changes (checked every second), ending with its final state. */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "One event with the rollout as JSON whenever it changes, "
            + "ending with its final state")
    @APIResponse(responseCode = "404", description = "No such rollout")
    public Multi<RolloutView> events(@PathParam("id") UUID id) {
        return Multi.createBy().repeating().uni(() -> service.get(id)).withDelay(Duration.ofSeconds(1))
                .whilst(view -> !view.status().terminal())
                .skip().repetitions();
    }
}
