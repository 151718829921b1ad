package io.modelfleet.api.audit;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The revision a request found its resource at, handed from the service that read it to the audit recorder
 * without reading the database again. It lives on the request's Vert.x (duplicated) context, where the reactive
 * service code runs; outside a request (the engine, imports at start-up) noting is a no-op. The revision after
 * the change is not noted here: the response's ETag carries it.
 */
public final class AuditRevisions {

    private static final String KEY = AuditRevisions.class.getName();

    private Long before;

    private AuditRevisions() {
    }

    /** Called where a service checks {@code If-Match} against the stored revision: that is the revision before. */
    public static void noteBefore(long revision) {
        AuditRevisions current = current();
        if (current != null && current.before == null) {
            current.before = revision;
        }
    }

    /** Starts tracking for the request running on the current context. */
    static AuditRevisions begin() {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return new AuditRevisions();
        }
        AuditRevisions revisions = new AuditRevisions();
        context.putLocal(KEY, revisions);
        return revisions;
    }

    Long before() {
        return before;
    }

    private static AuditRevisions current() {
        Context context = Vertx.currentContext();
        return context == null || !VertxContext.isDuplicatedContext(context) ? null : context.getLocal(KEY);
    }
}
