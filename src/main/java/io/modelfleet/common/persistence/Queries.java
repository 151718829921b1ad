package io.modelfleet.common.persistence;

import java.util.List;

/** Small helpers for reactive queries. */
public final class Queries {

    private Queries() {
    }

    /**
     * The single row of a by-key query that also fetches a collection. Such queries must not use
     * {@code firstResult()}: a row limit with a collection fetch makes Hibernate load everything and cut in memory.
     */
    public static <T> T atMostOne(List<T> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }
}
