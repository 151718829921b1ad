package io.modelfleet.rollout;

import io.modelfleet.api.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/deployments/{name}/upgrade")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "upgrades", description = "Plan a new model version and see what would change before applying it")
public class UpgradeResource {

    private final UpgradeService service;
    private final SecurityIdentity identity;

    public UpgradeResource(UpgradeService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** Points the deployment at {@code version}, plans it and returns the plan with its diff; applies nothing. */
    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "201", description = "The plan at that version and its diff, Location naming the plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UpgradeService.Upgrade.class)))
    @APIResponse(responseCode = "404", description = "No such deployment")
    public Uni<RestResponse<UpgradeService.Upgrade>> upgrade(@PathParam("name") String name,
            UpgradeService.UpgradeRequest request) {
        return service.upgrade(name, request, identity.getPrincipal().getName()).map(upgrade -> RestResponse
                .ResponseBuilder.<UpgradeService.Upgrade>created(URI.create("/api/v1/plans/"
                        + upgrade.plan().get("id").asText())).entity(upgrade).build());
    }
}
