package io.modelfleet.cloud.aws;

import io.modelfleet.api.Names;
import io.modelfleet.api.Violations;
import io.modelfleet.api.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/pricing/refresh")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "pricing", description = "Live on-demand and spot prices and regional availability from AWS")
public class PricingResource {

    private final PriceRefreshService refresh;

    public PricingResource(PriceRefreshService refresh) {
        this.refresh = refresh;
    }

    /**
     * Refreshes now (optionally only {@code ?region=...}); per region, what was updated or why it failed (the
     * old prices are then marked stale).
     */
    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "Per region: prices updated, types not offered, or the error")
    public Uni<PriceRefreshService.Result> refresh(@QueryParam("region") List<String> regions) {
        Violations v = new Violations();
        for (int i = 0; regions != null && i < regions.size(); i++) {
            Names.region(v, "region[" + i + "]", regions.get(i));
        }
        v.throwIfAny();
        return refresh.refresh(regions);
    }
}
