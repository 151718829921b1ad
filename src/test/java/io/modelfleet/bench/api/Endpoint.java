package io.modelfleet.bench.api;

/**
 * One API operation under load and the SQL that does the same work in the database: for a write, the rows it
 * inserts or updates, in one transaction; for a read, the selects that return the same data.
 *
 * @param path and {@code body} may hold the placeholders {@link Wrk} fills per request
 * @param sql a pgbench script; {@code :name} variables come from {@link Fixture#variables()}
 */
record Endpoint(String id, Kind kind, String method, String path, String body, String sql) {

    enum Kind {
        /** Goal: at least 50% of pgbench's rate. */
        WRITE(0.5),
        /** Goal: at least 60% of pgbench's rate. */
        READ(0.6);

        final double goalRatio;

        Kind(double goalRatio) {
            this.goalRatio = goalRatio;
        }
    }

    String label() {
        return method + " " + path.replace("/api/v1", "");
    }
}
