package io.modelfleet.api;

/**
 * Kubernetes label (and taint) key and value syntax: a key is an optional DNS-subdomain prefix of at most 253
 * characters and '/', then a name of at most 63; a value is empty or at most 63 characters. Both end up in
 * manifests the API server would otherwise refuse at rollout time.
 */
public final class Labels {

    static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
    static final String PREFIX = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";
    public static final int MAX_KEY = 253 + 1 + 63;

    private Labels() {
    }

    public static void key(Violations v, String field, String key) {
        if (v.required(field, key)) {
            v.pattern(field, key, MAX_KEY, "(" + PREFIX + "/)?" + NAME, "must be a Kubernetes label key: an optional"
                    + " DNS prefix (at most 253 characters) and '/', then 1-63 letters, digits, '-', '_' or '.'"
                    + " starting and ending with a letter or digit");
        }
    }

    public static void value(Violations v, String field, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        v.pattern(field, value, 63, NAME, "must be a Kubernetes label value: at most 63 letters, digits, '-', '_'"
                + " or '.', starting and ending with a letter or digit");
    }
}
