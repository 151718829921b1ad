package io.modelfleet.dashboard.rest;

import io.quarkus.vertx.web.Route;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Serves the dashboard's entry point and puts the browser-hardening headers on every response outside /q/ (where
 * Swagger UI needs inline script). The dashboard itself is static files under META-INF/resources/dashboard/, and
 * its chart library comes from the echarts webjar at /webjars/: no page loads anything from another origin.
 */
@ApplicationScoped
public class DashboardRoutes {

    static final String DASHBOARD = "/dashboard/";

    /**
     * Scripts only from this origin, never inline; styles may be inline because the chart library positions its
     * tooltips with style attributes (no script can run from a style). Images: own files and canvas data URLs.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none';"
            + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    @Route(path = "/", methods = Route.HttpMethod.GET)
    void root(RoutingContext rc) {
        rc.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, DASHBOARD).end();
    }

    /**
     * Before every other filter (a higher priority runs first): the body-size limit and the failed-login lockout end
     * their 413 and 429 without passing on, and those answers need the headers too.
     */
    @RouteFilter(10_000)
    void securityHeaders(RoutingContext rc) {
        if (!rc.normalizedPath().startsWith("/q/")) {
            rc.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("X-Frame-Options", "DENY");
        }
        rc.next();
    }
}
