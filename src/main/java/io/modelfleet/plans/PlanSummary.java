package io.modelfleet.plans;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One plan in {@code GET /plans}: what it planned, its status (RUNNING and FAILED included) and its cost. */
public record PlanSummary(UUID id, OffsetDateTime createdAt, PlanState status, double totalHourlyCostUsd,
        List<String> deployments) {

    static PlanSummary of(PlanEntity e) {
        try {
            return new PlanSummary(e.id, e.createdAt, e.status, e.totalHourlyCostUsd, PlanJson.MAPPER.readValue(
                    e.deployments, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { }));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("stored plan " + e.id + " is not valid JSON", ex);
        }
    }
}
