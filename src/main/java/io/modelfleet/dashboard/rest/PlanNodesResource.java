package io.modelfleet.dashboard.rest;

import io.modelfleet.api.security.Role;
import io.modelfleet.dashboard.dto.PlanNodes;
import io.modelfleet.dashboard.service.PlanNodesService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plans/{id}/nodes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plans")
public class PlanNodesResource {

    private final PlanNodesService service;

    public PlanNodesResource(PlanNodesService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Every node the plan buys, with its replicas by deployment and accelerator, vCPU and memory"
            + " use in percent")
    @APIResponse(responseCode = "200", description = "The plan's nodes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanNodes.class)))
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The plan is still being computed",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such plan (also an id that is not a UUID)",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<PlanNodes> nodes(@PathParam("id") UUID id) {
        return service.nodes(id);
    }
}
