package io.modelfleet.api;

import io.modelfleet.common.Saved;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import java.util.function.ToLongFunction;

/** Response conventions shared by every resource: ETag from the revision, 201 with Location on create. */
public final class Responses {

    private Responses() {
    }

    public static <T> Response ok(T body, long revision) {
        return Response.ok(body).tag(Revisions.etag(revision)).build();
    }

    public static <T> Response saved(Saved<T> saved, ToLongFunction<T> revision, UriInfo uri) {
        Response.ResponseBuilder builder = saved.created()
                ? Response.created(uri.getAbsolutePath()) : Response.ok();
        return builder.entity(saved.value()).tag(Revisions.etag(revision.applyAsLong(saved.value()))).build();
    }

    /** As {@link #ok}, typed, so the OpenAPI document describes the body. */
    public static <T> RestResponse<T> okTyped(T body, long revision) {
        return RestResponse.ResponseBuilder.ok(body).tag(Revisions.etag(revision)).build();
    }

    /** As {@link #saved}, typed, so the OpenAPI document describes the body. */
    public static <T> RestResponse<T> savedTyped(Saved<T> saved, ToLongFunction<T> revision, UriInfo uri) {
        RestResponse.ResponseBuilder<T> builder = saved.created()
                ? RestResponse.ResponseBuilder.created(uri.getAbsolutePath()) : RestResponse.ResponseBuilder.ok();
        return builder.entity(saved.value()).tag(Revisions.etag(revision.applyAsLong(saved.value()))).build();
    }

    /** A typed 201 with Location, so the OpenAPI document describes the body. */
    public static <T> RestResponse<T> created(java.net.URI location, T body, long revision) {
        return RestResponse.ResponseBuilder.<T>created(location).entity(body).tag(Revisions.etag(revision)).build();
    }

    public static Response noContent() {
        return Response.noContent().build();
    }
}
