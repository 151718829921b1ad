package io.modelfleet.api.audit;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@Tag(name = "audit", description = "The append-only audit log of every mutating request and rollout action"
        + " (admin only)")
public class AuditResource {

    private final AuditReader reader;
    private final int maxPageSize;

    public AuditResource(AuditReader reader, ApiConfig api) {
        this.reader = reader;
        this.maxPageSize = api.maxPageSize();
    }

    @GET
    @APIResponse(responseCode = "200", description = "One page of audit rows, newest first")
    @Operation(summary = "Audit rows, newest first", description = "Every POST, PUT, PATCH and DELETE under /api/v1,"
            + " refused ones included, and the rollouts the engine starts by itself. Filters combine with AND.")
    public Uni<Page<AuditEntryView>> list(
            @Parameter(description = "kind (e.g. cluster) or kind/name (e.g. cluster/prod-use1, variant/resnet50/<id>)")
            @QueryParam("resource") String resource,
            @Parameter(description = "token name") @QueryParam("actor") String actor,
            @Parameter(description = "ISO-8601 date-time with offset, inclusive") @QueryParam("since") String since,
            @Parameter(description = "ISO-8601 date-time with offset, exclusive") @QueryParam("until") String until,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        AuditQuery query = AuditQuery.of(resource, actor, since, until);
        return reader.find(query, PageRequest.of(page, size, maxPageSize));
    }
}
