package io.modelfleet.api;

/**
 * Resource names become Kubernetes object names and labels later on, so they follow DNS-1123-like rules
 * (dots allowed, as in instance types such as {@code g4dn.xlarge}).
 */
public final class Names {

    public static final String PATTERN = "[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?";

    private Names() {
    }

    public static void check(Violations violations, String field, String name) {
        if (violations.required(field, name)) {
            violations.matches(field, name, PATTERN,
                    "must be 1-63 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit");
        }
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
