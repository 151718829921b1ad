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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
    public Uni<Response> create(@PathParam("model") String model, VariantSpec body, @Context UriInfo uri) {
        return service.create(model, body).map(view -> Response
                .created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .entity(view).tag(io.modelfleet.api.Revisions.etag(view.revision())).build());
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<Page<VariantView>> list(@PathParam("model") String model, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return service.list(model, PageRequest.of(page, size, maxPageSize));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<Response> get(@PathParam("model") String model, @PathParam("id") UUID id) {
        return service.get(model, id).map(view -> Responses.ok(view, view.revision()));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Uni<Response> replace(@PathParam("model") String model, @PathParam("id") UUID id, VariantSpec body,
            @HeaderParam("If-Match") String ifMatch) {
        return service.replace(model, id, body, ifMatch).map(view -> Responses.ok(view, view.revision()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Uni<Response> delete(@PathParam("model") String model, @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch) {
        return service.delete(model, id, ifMatch).map(ignored -> Responses.noContent());
    }

    @POST
    @Path("{id}/benchmarks")
    @RolesAllowed(Role.OPERATOR_NAME)
    public Uni<Response> addBenchmarks(@PathParam("model") String model, @PathParam("id") UUID id,
            BenchmarkList body, @HeaderParam("If-Match") String ifMatch) {
        return service.addBenchmarks(model, id, body == null ? null : body.benchmarks(), ifMatch)
                .map(view -> Responses.ok(view, view.revision()));
    }
}
