package io.modelfleet.profiling.rest;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.security.Role;
import io.modelfleet.profiling.dto.ProfilingRunRequest;
import io.modelfleet.profiling.dto.ProfilingRunView;
import io.modelfleet.profiling.dto.ProfilingRunsCreated;
import io.modelfleet.profiling.service.ProfilingRuns;
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

@Path("/api/v1/models/{model}/variants/{id}/profiling-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "profiling", description = "Measuring variants on the fleet's hardware with ModelFleet's load generator,"
        + " run as Kubernetes Jobs; results become MEASURED benchmark rows")
public class VariantProfilingResource {

    private final ProfilingRuns service;
    private final SecurityIdentity identity;
    private final int maxPageSize;

    public VariantProfilingResource(ProfilingRuns service, SecurityIdentity identity, ApiConfig api) {
        this.service = service;
        this.identity = identity;
        this.maxPageSize = api.maxPageSize();
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "201", description = "The runs created, PENDING, one per hardware profile, with"
            + " the Location of the variant's runs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfilingRunsCreated.class)))
    @APIResponse(responseCode = "400", description = "Bad lists or figures, an unknown hardware profile or cluster,"
            + " hardware that does not run the variant's precision natively, a replica that does not fit its node")
    @APIResponse(responseCode = "404", description = "No such model or variant")
    @APIResponse(responseCode = "409", description = "No node pool has the hardware (for ALL_NATIVE: none runs the"
            + " precision natively), or a run of the variant on that hardware is already PENDING or RUNNING")
    public Uni<RestResponse<ProfilingRunsCreated>> create(@PathParam("model") String model,
            @PathParam("id") UUID id, ProfilingRunRequest body, @Context UriInfo uri) {
        return service.create(model, id, body, identity.getPrincipal().getName())
                .map(created -> RestResponse.ResponseBuilder.<ProfilingRunsCreated>created(uri.getAbsolutePath())
                        .entity(created).build());
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "The variant's runs, newest first")
    @APIResponse(responseCode = "404", description = "No such model or variant")
    public Uni<Page<ProfilingRunView>> list(@PathParam("model") String model, @PathParam("id") UUID id,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return service.list(model, id, PageRequest.of(page, size, maxPageSize));
    }
}
