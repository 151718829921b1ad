package io.modelfleet.dashboard.rest;

import io.modelfleet.api.security.Role;
import io.modelfleet.dashboard.dto.Frontier;
import io.modelfleet.dashboard.service.FrontierService;
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

@Path("/api/v1/catalog/frontier")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class FrontierResource {

    private final FrontierService service;

    public FrontierResource(FrontierService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Per model, accuracy against cost per million inferences for every benchmark row",
            description = "cost = share x cheapest available offering's $/h / (throughputRps x 3600) x 1e6, share ="
                    + " max over accelerators, vCPUs and memory of the replica's need / the node's capacity")
    @APIResponse(responseCode = "200", description = "Every model with benchmark rows",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Frontier.class)))
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Frontier> frontier() {
        return service.frontier();
    }
}
