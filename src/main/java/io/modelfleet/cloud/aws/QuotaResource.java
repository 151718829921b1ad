package io.modelfleet.cloud.aws;

import io.modelfleet.api.ProblemException;
import io.modelfleet.api.security.Role;
import io.modelfleet.fleet.quota.QuotaService;
import io.modelfleet.fleet.quota.QuotaView;
import io.modelfleet.planning.QuotaCodes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/quotas")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "quotas", description = "EC2 vCPU service quotas the planner enforces per account and region")
public class QuotaResource {

    private final QuotaService quotas;
    private final ServiceQuotaSource aws;
    private final Vertx vertx;

    public QuotaResource(QuotaService quotas, ServiceQuotaSource aws, Vertx vertx) {
        this.quotas = quotas;
        this.aws = aws;
        this.vertx = vertx;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @APIResponse(responseCode = "200", description = "Every stored quota")
    public Uni<List<QuotaView>> list() {
        return quotas.list();
    }

    /** Sets a quota by hand (source MANUAL); {@code accountId} absent means clusters that name no account. */
    @PUT
    @Path("{region}/{code}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "The quota as stored, source MANUAL")
    public Uni<QuotaView> put(@PathParam("region") String region, @PathParam("code") String code,
            QuotaService.QuotaSpec spec) {
        QuotaService.validate(region, code, spec);
        return quotas.put(region, code, spec);
    }

    @DELETE
    @Path("{region}/{code}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such quota")
    public Uni<Response> delete(@PathParam("region") String region, @PathParam("code") String code,
            @QueryParam("accountId") String accountId) {
        return quotas.delete(accountId, region, code).map(ignored -> Response.noContent().build());
    }

    /** Reads every known EC2 vCPU quota of a region from Service Quotas (source AWS). */
    @POST
    @Path("refresh")
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "The region's quotas as read from Service Quotas")
    @APIResponse(responseCode = "409", description = "Service Quotas could not be asked; the detail says why")
    public Uni<List<QuotaView>> refresh(@QueryParam("region") String region, @QueryParam("accountId") String account) {
        QuotaService.validateScope(region, account);
        return vertx.executeBlocking(Uni.createFrom().item(() -> aws.vcpuLimits(region,
                QuotaCodes.BY_CODE.keySet().stream().sorted().toList())), false)
                .onFailure().transform(e -> ProblemException.conflict("Service Quotas in " + region + " failed: "
                        + AwsErrors.describe(e)))
                .chain(limits -> quotas.storeFromAws(account, region, limits));
    }
}
