package io.modelfleet.benchmarks.rest;

import io.modelfleet.api.security.Role;
import io.modelfleet.benchmarks.dto.EstimateRequest;
import io.modelfleet.benchmarks.dto.EstimateResult;
import io.modelfleet.benchmarks.service.BenchmarkEstimates;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/models/{model}/variants/{id}/benchmarks/estimate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "variants", description = "Deployable variants of a model version, with benchmark rows per hardware")
public class BenchmarkEstimateResource {

    private final BenchmarkEstimates estimates;
    private final SecurityIdentity identity;

    public BenchmarkEstimateResource(BenchmarkEstimates estimates, SecurityIdentity identity) {
        this.estimates = estimates;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "201", description = "ESTIMATED rows created or replaced, each with its derivation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EstimateResult.class)))
    @APIResponse(responseCode = "200", description = "The same estimates are stored already: nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EstimateResult.class)))
    @APIResponse(responseCode = "400", description = "A bad batch size, resource or hardware name")
    @APIResponse(responseCode = "404", description = "No such model or variant")
    @APIResponse(responseCode = "422", description = "Nothing can be estimated: the variant has no flopsPerInference,"
            + " or no named profile has a peak for its precision and a memory bandwidth")
    public Uni<RestResponse<EstimateResult>> estimate(@PathParam("model") String model, @PathParam("id") UUID id,
            EstimateRequest body) {
        return estimates.estimate(model, id, body, identity.getPrincipal().getName())
                .map(result -> result.unchanged() ? RestResponse.ok(result)
                        : RestResponse.status(RestResponse.Status.CREATED, result));
    }
}
