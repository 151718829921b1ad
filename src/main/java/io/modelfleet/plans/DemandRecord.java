package io.modelfleet.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.modelfleet.fleet.domain.DemandSource;

/**
 * What a plan used as one deployment's demand on one cluster: the deployment's {@code demandSource}, the rps the
 * planner saw ({@code usedRps}), the declared rps, the observed rps (null when nothing was observed or it was not
 * asked) and a note saying why the declared figure stood in, when it did.
 */
public record DemandRecord(String deployment, String cluster, DemandSource source, double usedRps,
        double declaredRps, @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) Double observedRps, String note) {
}
