package io.modelfleet.api;

/**
 * Resource names become Kubernetes object names and labels later on, so they follow DNS-1123-like rules
 * (dots allowed, as in instance types such as {@code g4dn.xlarge}).
 */
public final class Names {

    public static final String PATTERN = "[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?";
    /** AWS region codes such as us-east-1; the region columns are VARCHAR(32). */
    public static final String REGION_PATTERN = "[a-z]{2}(-[a-z]+)+-\\d+";
    public static final int REGION_MAX = 32;

    private Names() {
    }

    public static void check(Violations violations, String field, String name) {
        if (violations.required(field, name)) {
            violations.matches(field, name, PATTERN,
                    "must be 1-63 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit");
        }
    }

    /** A required region code of at most 32 characters. */
    public static void region(Violations violations, String field, String region) {
        if (violations.required(field, region)) {
            regionIfPresent(violations, field, region);
        }
    }

    public static void regionIfPresent(Violations violations, String field, String region) {
        violations.pattern(field, region, REGION_MAX, REGION_PATTERN, "must be a region code such as us-east-1, was '"
                + region + "'");
    }

    /** The name in the URL wins; a body that names something else is a mistake worth reporting. */
    public static String fromPath(String pathName, String bodyName) {
        if (bodyName != null && !bodyName.equals(pathName)) {
            throw ProblemException.invalid("name", "must match the name in the URL '" + pathName + "', was '"
                    + bodyName + "'");
        }
        return pathName;
    }
}
