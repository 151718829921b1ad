package io.modelfleet.catalog.service;

/** What an upsert did to one entity; imports count these. */
record Upserted<E>(E entity, Outcome outcome) {

    enum Outcome { CREATED, UPDATED, UNCHANGED }

    static <E> Upserted<E> created(E entity) {
        return new Upserted<>(entity, Outcome.CREATED);
    }

    static <E> Upserted<E> updated(E entity) {
        return new Upserted<>(entity, Outcome.UPDATED);
    }

    static <E> Upserted<E> unchanged(E entity) {
        return new Upserted<>(entity, Outcome.UNCHANGED);
    }

    boolean created() {
        return outcome == Outcome.CREATED;
    }
}
