package io.modelfleet.dashboard.rest;

import io.modelfleet.api.security.Role;
import io.modelfleet.dashboard.dto.Me;
import io.quarkus.security.identity.SecurityIdentity;
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

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
public class MeResource {

    private final SecurityIdentity identity;

    public MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Lets a client (the dashboard) show only what the caller may do; the server still checks every call. */
    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The calling token's name and role")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Me.class)))
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = "application/problem+json"))
    public Me me() {
        return new Me(identity.getPrincipal().getName(), highestRole());
    }

    private String highestRole() {
        for (String role : new String[] {Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME}) {
            if (identity.hasRole(role)) {
                return role;
            }
        }
        throw new IllegalStateException("an authenticated token without a role reached /me");
    }
}
