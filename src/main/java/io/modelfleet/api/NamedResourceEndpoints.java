package io.modelfleet.api;

import io.modelfleet.api.security.Role;
import io.modelfleet.common.Saved;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The four endpoints every named resource has — list, get, create-or-replace, delete — with one set of
 * conventions (paging, ETags, If-Match, 201 on create). A subclass names its path and supplies validation and
 * the service calls.
 *
 * @param <S> the request (spec) type
 * @param <V> the response (view) type
 */
public abstract class NamedResourceEndpoints<S, V> {

    private final int maxPageSize;
    private final ToLongFunction<V> revision;

    protected NamedResourceEndpoints(int maxPageSize, ToLongFunction<V> revision) {
        this.maxPageSize = maxPageSize;
        this.revision = revision;
    }

    protected abstract Uni<Page<V>> listPage(PageRequest page);

    protected abstract Uni<V> find(String name);

    /** Validates and normalises the body for the resource named in the URL. */
    protected abstract S normalize(String name, S body);

    protected abstract Uni<Saved<V>> save(S spec, String ifMatch);

    protected abstract Uni<Void> remove(String name, String ifMatch);

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "One page, ordered by name")
    public Uni<Page<V>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return listPage(PageRequest.of(page, size, maxPageSize));
    }

    @GET
    @Path("{name}")
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "The resource, its revision as ETag")
    @APIResponse(responseCode = "404", description = "No resource of that name")
    public Uni<RestResponse<V>> get(@PathParam("name") String name) {
        return find(name).map(view -> Responses.okTyped(view, revision.applyAsLong(view)));
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged), its revision as ETag")
    @APIResponse(responseCode = "201", description = "Created, with Location and its revision as ETag")
    @APIResponse(responseCode = "409", description = "Another request created the same name at the same time, "
            + "or the body conflicts with what is stored")
    @APIResponse(responseCode = "412", description = "If-Match names a revision that is no longer the stored one")
    public Uni<RestResponse<V>> put(@PathParam("name") String name, S body, @HeaderParam("If-Match") String ifMatch,
            @Context UriInfo uri) {
        return save(normalize(name, body), ifMatch).map(saved -> Responses.savedTyped(saved, revision, uri));
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No resource of that name")
    @APIResponse(responseCode = "409", description = "Still in use; the detail names what uses it")
    @APIResponse(responseCode = "412", description = "If-Match names a revision that is no longer the stored one")
    public Uni<Response> delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch) {
        return remove(name, ifMatch).map(ignored -> Responses.noContent());
    }
}
