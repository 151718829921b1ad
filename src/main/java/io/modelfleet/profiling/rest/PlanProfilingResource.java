package io.modelfleet.profiling.rest;

import io.modelfleet.api.security.Role;
import io.modelfleet.profiling.dto.PlanProfilingRequest;
import io.modelfleet.profiling.dto.PlanProfilingStarted;
import io.modelfleet.profiling.service.PlanProfiling;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/plans/{id}/profiling-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "profiling", description = "Measuring variants on the fleet's hardware with ModelFleet's load generator,"
        + " run as Kubernetes Jobs; results become MEASURED benchmark rows")
public class PlanProfilingResource {

    private final PlanProfiling service;
    private final SecurityIdentity identity;

    public PlanProfilingResource(PlanProfiling service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "201", description = "One run per suggested (variant, hardware, cluster); those that"
            + " could not start are in skipped with the reason",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanProfilingStarted.class)))
    @APIResponse(responseCode = "200", description = "Nothing started: the plan suggests no profiling, or every"
            + " suggestion was skipped",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanProfilingStarted.class)))
    @APIResponse(responseCode = "400", description = "A bad input tensor, batch sizes, concurrencies or durations")
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "The plan is still running or failed")
    public Uni<RestResponse<PlanProfilingStarted>> start(@PathParam("id") UUID id, PlanProfilingRequest body) {
        return service.start(id, body, identity.getPrincipal().getName()).map(started -> started.runs().isEmpty()
                ? RestResponse.ok(started) : RestResponse.status(RestResponse.Status.CREATED, started));
    }
}
