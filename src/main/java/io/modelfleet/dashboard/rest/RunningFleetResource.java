package io.modelfleet.dashboard.rest;

import io.modelfleet.api.security.Role;
import io.modelfleet.dashboard.dto.RunningFleet;
import io.modelfleet.dashboard.service.DashboardReads;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/fleet/running")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet", description = "What runs now")
public class RunningFleetResource {

    private final DashboardReads reads;

    public RunningFleetResource(DashboardReads reads) {
        this.reads = reads;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Placements running now (as the last successful rollouts left them) and their total $/h")
    @APIResponse(responseCode = "200", description = "Running placements by deployment and cluster",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RunningFleet.class)))
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<RunningFleet> running() {
        return reads.running();
    }
}
