package io.modelfleet.api.security;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@Tag(name = "tokens", description = "API tokens (admin only). The secret is returned once, at creation.")
public class TokenResource {

    private final TokenService service;
    private final SecurityIdentity identity;
    private final int maxPageSize;
    private final ResolvedTokens resolved;

    public TokenResource(TokenService service, SecurityIdentity identity, ApiConfig api, ResolvedTokens resolved) {
        this.service = service;
        this.identity = identity;
        this.resolved = resolved;
        this.maxPageSize = api.maxPageSize();
    }

    @POST
    @APIResponse(responseCode = "201", description = "The token with its secret, shown only here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenDtos.CreatedToken.class)))
    @APIResponse(responseCode = "409", description = "A token of that name exists")
    public Uni<RestResponse<TokenDtos.CreatedToken>> create(TokenDtos.CreateToken request) {
        TokenService.validate(request);
        return service.create(request, identity.getPrincipal().getName())
                .map(created -> RestResponse.ResponseBuilder.<TokenDtos.CreatedToken>created(
                        URI.create("/api/v1/tokens/" + created.id())).entity(created).build());
    }

    @GET
    @APIResponse(responseCode = "200", description = "One page of tokens, never a secret")
    public Uni<Page<TokenDtos.TokenView>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return service.list(PageRequest.of(page, size, maxPageSize));
    }

    /**
     * A new secret for the token, shown once; the old one keeps working for {@code overlapSeconds} (default one
     * hour, at most {@code modelfleet.security.rotation.max-overlap}) so clients can switch without downtime.
     */
    @POST
    @Path("{id}/rotate")
    @APIResponse(responseCode = "200", description = "The new secret, shown only here; the old one works until "
            + "the overlap ends")
    @APIResponse(responseCode = "404", description = "No such token")
    @APIResponse(responseCode = "409", description = "The bootstrap token (rotate it through MODELFLEET_ADMIN_TOKEN), "
            + "or an expired token")
    public Uni<TokenDtos.RotatedToken> rotate(@PathParam("id") UUID id, TokenDtos.RotateToken request) {
        // Forgotten once the change has committed, so no request re-reads the old row into the cache before it.
        return service.rotate(id, service.overlap(request)).invoke(resolved::forgetAll);
    }

    @DELETE
    @Path("{id}")
    @APIResponse(responseCode = "204", description = "Revoked, both secrets at once")
    @APIResponse(responseCode = "404", description = "No such token")
    @APIResponse(responseCode = "409", description = "The bootstrap token")
    public Uni<Response> revoke(@PathParam("id") UUID id) {
        return service.revoke(id).invoke(resolved::forgetAll).map(ignored -> Response.noContent().build());
    }
}
