package io.modelfleet.api;

import io.modelfleet.common.Saved;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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

    public static Response noContent() {
        return Response.noContent().build();
    }
}
