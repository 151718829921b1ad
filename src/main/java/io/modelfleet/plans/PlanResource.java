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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import io.smallrye.mutiny.Multi;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    /**
     * Plans and answers 201 with the plan; with {@code Prefer: respond-async}, answers 202 with the plan RUNNING
     * and its progress at once, and plans as a job (GET it, or follow {@code /events}).
     */
    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Plan; with Prefer: respond-async, 202 and the plan runs as a job")
    @APIResponse(responseCode = "201", description = "The plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "202", description = "The plan, RUNNING, with its progress (Prefer: respond-async)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanView.class)))
    public Uni<Response> create(PlanRequest request, @HeaderParam("Prefer") String prefer, @Context UriInfo uri) {
        String who = identity.getPrincipal().getName();
        if (PlanJobsHttp.respondAsync(prefer)) {
            return service.createAsync(request, who).map(plan -> Response.accepted(plan)
                    .location(uri.getAbsolutePathBuilder().path(plan.get("id").asText()).build())
                    .header("Preference-Applied", "respond-async").build());
        }
        return service.create(request, who).map(plan -> Response
                .created(uri.getAbsolutePathBuilder().path(plan.get("id").asText()).build()).entity(plan).build());
    }

    /** Stops a RUNNING plan; it keeps the best plan found. 202 with the plan while it winds down. */
    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Cancel a RUNNING plan job; the best plan found is kept")
    public Uni<Response> cancel(@PathParam("id") UUID id) {
        return service.cancel(id).map(view -> Response.accepted(view).build());
    }

    /** The same as {@code POST /{id}/cancel}: plans are never deleted, a running one is stopped. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Cancel a RUNNING plan job (plans themselves are kept)")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return cancel(id);
    }

    /**
     * A plan's progress as server-sent events: {@code progress} (the progress JSON) whenever it changes, then one
     * {@code done} ({@code {"id", "status"}}) and the stream ends. A finished plan gets its {@code done} at once.
     */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Progress of a plan job as server-sent events (progress..., then done)")
    @io.smallrye.common.annotation.Blocking
    public Multi<OutboundSseEvent> events(@PathParam("id") UUID id, @Context Sse sse) {
        // Checked before the stream starts (on a worker thread, hence @Blocking): once it has, the status is sent.
        if (!service.exists(id).await().atMost(java.time.Duration.ofSeconds(10))) {
            throw io.modelfleet.api.ProblemException.notFound("no plan " + id);
        }
        return service.events(id).map(e -> sse.newEventBuilder().name(e.name()).data(e.data()).build());
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<Page<PlanSummary>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return service.list(PageRequest.of(page, size, maxPageSize));
    }

    /** Served from the stored text (the fast path); its shape is {@link PlanView}. */
    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "The stored plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanView.class)))
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
