package io.modelfleet.plans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelfleet.planning.PlanResult.WarningKind;

/**
 * Brings plans stored in an older form up to the current one as they are read, so that every reader (the view, the
 * rollout, the reservations) sees one shape. Stored text is never rewritten: a plan stays what was computed.
 *
 * <p>Before operating points and estimate consent (design 007): a placement's row had one request in flight
 * (concurrency 1), a plan warning was a line of text {@code "KIND: detail"}, a snapshot's benchmark rows had no
 * concurrency, and its deployments had no {@code allowEstimated}. Those deployments were planned with ESTIMATED rows
 * like any other, which is what {@code allowEstimated: true} means now, and what V23 set on every deployment then
 * present; reading them as true keeps such a plan from looking stale only because the field is new.
 */
final class StoredPlanForms {

    private StoredPlanForms() {
    }

    /** A stored result (or a plan view, which holds one) in the current form. */
    static ObjectNode result(ObjectNode result) {
        for (JsonNode placement : result.path("placements")) {
            if (placement instanceof ObjectNode p && !p.has("concurrency")) {
                p.put("concurrency", 1);
            }
        }
        JsonNode warnings = result.path("warnings");
        if (warnings.isArray()) {
            var upgraded = PlanJson.MAPPER.createArrayNode();
            warnings.forEach(w -> upgraded.add(w.isTextual() ? warning(w.asText()) : w));
            result.set("warnings", upgraded);
        }
        return result;
    }

    /** A stored snapshot in the current form. */
    static ObjectNode snapshot(ObjectNode snapshot) {
        for (JsonNode deployment : snapshot.path("deployments")) {
            if (deployment instanceof ObjectNode d && !d.has("allowEstimated")) {
                d.put("allowEstimated", true);
            }
        }
        for (JsonNode variant : snapshot.path("variants")) {
            for (JsonNode row : variant.path("benchmarks")) {
                if (row instanceof ObjectNode b && !b.has("concurrency")) {
                    b.put("concurrency", 1);
                }
            }
        }
        return snapshot;
    }

    /** {@code "STALE_PRICE: g4dn.xlarge ..."}, the only kind of text warning there was, as a warning object. */
    private static ObjectNode warning(String text) {
        ObjectNode out = PlanJson.MAPPER.createObjectNode();
        int colon = text.indexOf(": ");
        String kind = colon < 0 ? "" : text.substring(0, colon);
        boolean known = java.util.Arrays.stream(WarningKind.values()).anyMatch(k -> k.name().equals(kind));
        out.put("kind", known ? kind : WarningKind.STALE_PRICE.name());
        out.put("detail", known ? text.substring(colon + 2) : text);
        return out;
    }
}
