package io.modelfleet.api.audit;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.web.RouteFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records every POST, PUT, PATCH and DELETE under {@code /api/v1}, whatever its outcome.
 * <p>
 * A request that reaches the REST layer (all of them but those refused before it, such as an oversized body) is
 * recorded by the response filter after the service's transaction has committed and <em>before</em> the response
 * is sent, so a client that has its answer can read the row. The few answered before the REST layer are recorded
 * when their response ends. Nothing from the body or the headers is copied: only method, path, what the path names,
 * the status, the revisions and, for a refusal, the problem's type and the names of the fields at fault.
 */
@ApplicationScoped
public class AuditRecorder {

    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String STARTED = "modelfleet.audit.started";
    private static final String REVISIONS = "modelfleet.audit.revisions";
    private static final String RECORDED = "modelfleet.audit.recorded";

    private final AuditLog log;
    private final Clock clock;
    private final CurrentVertxRequest currentRequest;
    private final HttpAuthenticator authenticator;

    public AuditRecorder(AuditLog log, Clock clock, CurrentVertxRequest currentRequest,
            HttpAuthenticator authenticator) {
        this.log = log;
        this.clock = clock;
        this.currentRequest = currentRequest;
        this.authenticator = authenticator;
    }

    /** Runs before the body-size limit (1000), so a 413 is recorded too. */
    @RouteFilter(3000)
    void begin(RoutingContext rc) {
        if (audited(rc)) {
            rc.put(STARTED, now());
            rc.put(REVISIONS, AuditRevisions.begin());
            rc.addEndHandler(ended -> {
                if (rc.get(RECORDED) == null) {
                    record(rc, rc.response().getStatusCode(), null).subscribe().with(ignored -> { });
                }
            });
        }
        rc.next();
    }

    @ServerResponseFilter
    public Uni<Void> recordBeforeResponse(ContainerResponseContext response) {
        RoutingContext rc = currentRequest.getCurrent();
        if (rc == null || rc.get(STARTED) == null || rc.get(RECORDED) != null) {
            return Uni.createFrom().voidItem();
        }
        rc.put(RECORDED, Boolean.TRUE);
        return record(rc, response.getStatus(), response);
    }

    private static final int TOO_MANY_REQUESTS = 429;

    private Uni<Void> record(RoutingContext rc, int status, ContainerResponseContext response) {
        // A 429 refused the address before authentication: resolving its token now would give a blocked guesser a
        // database lookup per request after all, so its row has no actor.
        Uni<SecurityIdentity> who = status == TOO_MANY_REQUESTS ? Uni.createFrom().nullItem() : identity(rc);
        return who.chain(identity -> {
            AuditRevisions revisions = rc.get(REVISIONS);
            AuditEntry entry = AuditEntries.of(rc.get(STARTED), rc.request().method().name(), rc.normalizedPath(),
                    status, identity, revisions == null ? null : revisions.before(), ResponseFacts.of(response));
            return log.append(entry).onFailure().invoke(e -> LOG.errorf(
                    "audit row not written (the request's own outcome stands): %s; error: %s", entry, e));
        }).onFailure().recoverWithNull();
    }

    /**
     * The caller's identity: the one the request resolved, or, for a request answered before authentication ran
     * (413), its token resolved now; null when there is none (no token, unknown token: 401).
     */
    private Uni<SecurityIdentity> identity(RoutingContext rc) {
        boolean authenticated = rc.user() != null || rc.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY) != null;
        Uni<SecurityIdentity> identity = authenticated ? QuarkusHttpUser.getSecurityIdentity(rc, null)
                : authenticator.attemptAuthentication(rc);
        return identity.onFailure().recoverWithNull()
                .map(found -> found == null || found.isAnonymous() ? null : found);
    }

    private static boolean audited(RoutingContext rc) {
        return MUTATING.contains(rc.request().method().name()) && rc.normalizedPath().startsWith(AuditTarget.PREFIX);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
