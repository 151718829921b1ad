package io.modelfleet.api;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses bodies declared larger than {@code modelfleet.api.max-body-bytes} with a 413 problem document before
 * any of the body is read. Chunked bodies without a length are still capped by
 * {@code quarkus.http.limits.max-body-size}, which answers a plain 413.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBodyBytes;

    public BodySizeLimit(ApiConfig api) {
        this.maxBodyBytes = api.maxBodyBytes();
    }

    @RouteFilter(1000)
    void limit(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null && declaredLength(length) > maxBodyBytes) {
            Problem problem = new Problem(Problem.TYPE_BASE + "payload-too-large", "Payload too large", 413,
                    "the body is " + length + " bytes; at most " + maxBodyBytes + " are accepted",
                    rc.request().path(), null);
            rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close").end(Json.encode(problem));
            return;
        }
        rc.next();
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
