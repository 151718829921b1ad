package io.modelfleet.cloud.aws;

import io.modelfleet.api.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/models/{model}/variants/{id}/verify")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "variants")
public class ArtifactResource {

    private final ArtifactVerification verification;

    public ArtifactResource(ArtifactVerification verification) {
        this.verification = verification;
    }

    /** Checks the artifact in S3 against the declared size and SHA-256: 200 when they match, 422 when not. */
    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "The artifact in S3 has the declared size and SHA-256")
    @APIResponse(responseCode = "404", description = "No such model or variant")
    @APIResponse(responseCode = "409", description = "S3 could not be asked; the detail says why")
    @APIResponse(responseCode = "422", description = "S3 holds something else, or nothing; the detail names what "
            + "it holds")
    public Uni<ArtifactVerification.Verified> verify(@PathParam("model") String model, @PathParam("id") UUID id) {
        return verification.verify(model, id);
    }
}
