package io.modelfleet.api;

/** Validated paging parameters: zero-based page and a size between 1 and the configured maximum. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;

    public static PageRequest of(Integer page, Integer size, int maxSize) {
        Violations v = new Violations();
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            v.add("page", "must not be negative, was " + p);
        }
        if (s < 1 || s > maxSize) {
            v.add("size", "must be between 1 and " + maxSize + ", was " + s);
        }
        v.throwIfAny();
        return new PageRequest(p, s);
    }
}
