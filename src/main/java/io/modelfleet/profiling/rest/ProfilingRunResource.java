package io.modelfleet.profiling.rest;

import io.modelfleet.api.security.Role;
import io.modelfleet.profiling.dto.ProfilingRunView;
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
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/profiling-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "profiling")
public class ProfilingRunResource {

    private final ProfilingRuns service;
    private final SecurityIdentity identity;

    public ProfilingRunResource(ProfilingRuns service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Path("{runId}")
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "The run: state, reason, the end of its log, its rows, its Job")
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<ProfilingRunView> get(@PathParam("runId") UUID runId) {
        return service.get(runId);
    }

    @POST
    @Path("{runId}/cancel")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "CANCELLED; its Job (or GitOps manifest) is removed, and it"
            + " adds no rows")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run already ended (the detail names its state)")
    public Uni<ProfilingRunView> cancel(@PathParam("runId") UUID runId) {
        return service.cancel(runId, identity.getPrincipal().getName());
    }

    @POST
    @Path("{runId}/results")
    @RolesAllowed(Role.OPERATOR_NAME)
    @RequestBody(description = "The load generator's result document (the last line of its stdout), as it wrote it",
            required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "SUCCEEDED, with the MEASURED rows written; the GitOps"
            + " manifest is removed")
    @APIResponse(responseCode = "400", description = "Not the load generator's document, or not this run's points"
            + " (the detail names what); the run stays RUNNING")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run is not RUNNING, is past its deadline, or runs on a"
            + " KUBERNETES cluster (its results are read from the pod log)")
    public Uni<ProfilingRunView> results(@PathParam("runId") UUID runId, String body) {
        return service.results(runId, body);
    }
}
