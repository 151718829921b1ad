package io.modelfleet.fleet.quota;

import java.time.OffsetDateTime;

/** A quota as the API shows it; {@code name} says what the code limits. */
public record QuotaView(String accountId, String region, String code, String name, double limitVcpus, String source,
        OffsetDateTime updatedAt) {
}
