package io.modelfleet.api;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * One structured line per API request: method, path, status, duration and the token's name. Headers, query
 * strings and bodies are never logged, so neither tokens nor credentials can reach the log.
 */
@ApplicationScoped
public class RequestLog {

    private static final Logger LOG = Logger.getLogger(RequestLog.class);

    @RouteFilter(2000)
    void log(RoutingContext rc) {
        if (rc.normalizedPath().startsWith("/api/")) {
            long started = System.nanoTime();
            rc.addEndHandler(done -> LOG.infof("request method=%s path=%s status=%d durationMs=%.1f principal=%s",
                    rc.request().method(), rc.normalizedPath(), rc.response().getStatusCode(),
                    (System.nanoTime() - started) / 1e6,
                    rc.user() == null ? "-" : rc.user().principal().getString("username", "-")));
        }
        rc.next();
    }
}
