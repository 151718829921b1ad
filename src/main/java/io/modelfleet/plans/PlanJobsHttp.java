package io.modelfleet.plans;

/** The HTTP side of plan jobs: RFC 7240's {@code Prefer} header. */
final class PlanJobsHttp {

    private PlanJobsHttp() {
    }

    /** Whether a {@code Prefer} header (comma-separated preferences, case-insensitive tokens) asks for 202. */
    static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";")[0].trim();
            if (token.equalsIgnoreCase("respond-async")) {
                return true;
            }
        }
        return false;
    }
}
