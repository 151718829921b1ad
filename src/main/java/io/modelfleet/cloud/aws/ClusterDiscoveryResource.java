package io.modelfleet.cloud.aws;

import io.modelfleet.api.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/clusters/discover")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "clusters")
public class ClusterDiscoveryResource {

    private final ClusterDiscovery discovery;

    public ClusterDiscoveryResource(ClusterDiscovery discovery) {
        this.discovery = discovery;
    }

    /** Registers (or updates) the region's EKS clusters and their node groups as clusters with node pools. */
    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "The clusters registered and those skipped, with reasons")
    @APIResponse(responseCode = "409", description = "EKS could not be asked; the detail says why")
    public Uni<ClusterDiscovery.Result> discover(ClusterDiscovery.Request request) {
        return discovery.discover(request);
    }
}
