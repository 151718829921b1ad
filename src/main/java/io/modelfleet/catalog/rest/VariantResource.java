package io.modelfleet.catalog.rest;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.Responses;
import io.modelfleet.api.security.Role;
import io.modelfleet.catalog.dto.BenchmarkList;
import io.modelfleet.catalog.dto.VariantSpec;
import io.modelfleet.catalog.dto.VariantView;
import io.modelfleet.catalog.service.VariantService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/models/{model}/variants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "variants", description = "Deployable variants of a model version, with benchmark rows per hardware")
public class VariantResource {

    private final VariantService service;
    private final int maxPageSize;

    public VariantResource(VariantService service, ApiConfig api) {
        this.service = service;
        this.maxPageSize = api.maxPageSize();
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "201", description = "Created, with Location and its revision as ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VariantView.class)))
    @APIResponse(responseCode = "404", description = "No such model")
    @APIResponse(responseCode = "409", description = "A variant of the same version, precision, compression and "
            + "format exists")
    public Uni<RestResponse<VariantView>> create(@PathParam("model") String model, VariantSpec body,
            @Context UriInfo uri) {
        return service.create(model, body).map(view -> Responses.created(
                uri.getAbsolutePathBuilder().path(view.id().toString()).build(), view, view.revision()));
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "One page, by version, precision and id")
    @APIResponse(responseCode = "404", description = "No such model")
    public Uni<Page<VariantView>> list(@PathParam("model") String model, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return service.list(model, PageRequest.of(page, size, maxPageSize));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "The variant with its benchmarks, its revision as ETag")
    @APIResponse(responseCode = "404", description = "No such model or variant")
    public Uni<RestResponse<VariantView>> get(@PathParam("model") String model, @PathParam("id") UUID id) {
        return service.get(model, id).map(view -> Responses.okTyped(view, view.revision()));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "Replaced, its revision as ETag")
    @APIResponse(responseCode = "404", description = "No such model or variant")
    @APIResponse(responseCode = "409", description = "Another variant has the same version, precision, compression "
            + "and format")
    @APIResponse(responseCode = "412", description = "If-Match names a revision that is no longer the stored one")
    public Uni<RestResponse<VariantView>> replace(@PathParam("model") String model, @PathParam("id") UUID id,
            VariantSpec body, @HeaderParam("If-Match") String ifMatch) {
        return service.replace(model, id, body, ifMatch).map(view -> Responses.okTyped(view, view.revision()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such model or variant")
    @APIResponse(responseCode = "412", description = "If-Match names a revision that is no longer the stored one")
    public Uni<Response> delete(@PathParam("model") String model, @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch) {
        return service.delete(model, id, ifMatch).map(ignored -> Responses.noContent());
    }

    @POST
    @Path("{id}/benchmarks")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "The variant with the added rows, its revision as ETag")
    @APIResponse(responseCode = "404", description = "No such model or variant")
    @APIResponse(responseCode = "409", description = "A declared row for the same hardware and batch size exists")
    @APIResponse(responseCode = "412", description = "If-Match names a revision that is no longer the stored one")
    public Uni<RestResponse<VariantView>> addBenchmarks(@PathParam("model") String model, @PathParam("id") UUID id,
            BenchmarkList body, @HeaderParam("If-Match") String ifMatch) {
        return service.addBenchmarks(model, id, body == null ? null : body.benchmarks(), ifMatch)
                .map(view -> Responses.okTyped(view, view.revision()));
    }
}
