package io.modelfleet.rollout;

import io.modelfleet.api.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plans/{id}/diff")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plans")
public class PlanDiffResource {

    private final UpgradeService service;

    public PlanDiffResource(UpgradeService service) {
        this.service = service;
    }

    /** What applying a stored plan would change against what runs now. */
    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "What applying the plan would change")
    @APIResponse(responseCode = "404", description = "No such plan")
    public Uni<PlanDiff> diff(@PathParam("id") UUID id) {
        return service.diff(id);
    }
}
