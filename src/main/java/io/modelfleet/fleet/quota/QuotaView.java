package io.modelfleet.fleet.quota;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A quota as the API shows it; {@code name} says what the code limits. */
@Schema(requiredProperties = {"accountId", "region", "code", "name", "limitVcpus", "source", "updatedAt"})
public record QuotaView(@Schema(nullable = true) String accountId, String region, String code, String name,
        double limitVcpus, String source,
        OffsetDateTime updatedAt) {
}
