package io.modelfleet.api.security;

import io.modelfleet.api.Problem;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers 429 to every request that presents credentials from an address that failed authentication too often
 * ({@link FailedAuthLimiter}); {@link BearerTokenMechanism} reports the failures. The address is the TCP peer as
 * Vert.x sees it: X-Forwarded-For and Forwarded are honoured only when Quarkus' own
 * {@code quarkus.http.proxy.proxy-address-forwarding} and {@code quarkus.http.proxy.trusted-proxies} say the peer
 * is a proxy to trust, so a client cannot reset its count by sending another header.
 */
@ApplicationScoped
public class FailedAuthentications {

    /** Runs before the body-size check (1000) and everything else: a blocked client gets nothing else. */
    static final int FILTER_PRIORITY = 2000;

    private final FailedAuthLimiter limiter;

    @Inject
    public FailedAuthentications(SecurityConfig config) {
        this(new FailedAuthLimiter(Clock.systemUTC(), config.failedAuth().maxFailures(), config.failedAuth().window(),
                config.failedAuth().block(), config.failedAuth().maxTrackedAddresses()));
    }

    FailedAuthentications(FailedAuthLimiter limiter) {
        this.limiter = limiter;
    }

    /** Counts a failed authentication of the request's client. */
    public void failed(RoutingContext rc) {
        limiter.failed(addressOf(rc));
    }

    @RouteFilter(FILTER_PRIORITY)
    void refuseBlocked(RoutingContext rc) {
        if (rc.request().getHeader("Authorization") != null) {
            Optional<Duration> blocked = limiter.blockedFor(addressOf(rc));
            if (blocked.isPresent()) {
                long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
                Problem problem = new Problem("https://modelfleet.io/problems/too-many-requests", "Too many requests",
                        429, "too many failed authentications from this address; every request with credentials"
                                + " is refused for another " + seconds + " s", rc.request().path(), null);
                rc.response().setStatusCode(429).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Retry-After", Long.toString(seconds)).end(Json.encode(problem));
                return;
            }
        }
        rc.next();
    }

    private static String addressOf(RoutingContext rc) {
        SocketAddress remote = rc.request().remoteAddress();
        return ClientAddress.key(remote == null ? null : remote.hostAddress());
    }
}
