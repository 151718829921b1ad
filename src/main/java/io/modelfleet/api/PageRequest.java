package io.modelfleet.api;

/** Validated paging parameters: zero-based page and a size between 1 and the configured maximum. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;

    /**
     * From the raw query parameters, so that {@code ?size=abc} is a 400 naming the parameter rather than the
     * 404 JAX-RS gives for a parameter it cannot convert.
     */
    public static PageRequest of(String page, String size, int maxSize) {
        Violations v = new Violations();
        Integer p = parse(v, "page", page, 0);
        Integer s = parse(v, "size", size, DEFAULT_SIZE);
        v.throwIfAny();
        return of(p, s, maxSize);
    }

    private static Integer parse(Violations v, String field, String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            String shown = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
            v.add(field, "must be a whole number, was '" + shown + "'");
            return fallback;
        }
    }

    public static PageRequest of(Integer page, Integer size, int maxSize) {
        Violations v = new Violations();
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            v.add("page", "must not be negative, was " + p);
        }
        if (s < 1 || s > maxSize) {
            v.add("size", "must be between 1 and " + maxSize + ", was " + s);
        } else if (p > 0 && (long) p * s > Integer.MAX_VALUE) {
            // The offset page x size is an int in Hibernate's query API; beyond it the query would wrap around.
            v.add("page", "must be at most " + Integer.MAX_VALUE / s + " with size " + s + ", was " + p);
        }
        v.throwIfAny();
        return new PageRequest(p, s);
    }
}
