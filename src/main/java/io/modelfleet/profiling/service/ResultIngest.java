package io.modelfleet.profiling.service;

import io.modelfleet.benchmarks.service.BenchmarkRows;
import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.profiling.domain.LoadgenDocument;
import io.modelfleet.profiling.entity.ProfilingRun;
import io.modelfleet.profiling.repository.ProfilingRunSessionWrites;
import io.modelfleet.profiling.repository.ProfilingRunStore;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * Ingests a run's result document in one transaction: the run goes RUNNING to SUCCEEDED, its MEASURED rows are
 * written through {@link BenchmarkRows} (which joins this transaction), and the rows are recorded on the run. A run
 * no longer RUNNING (or, for the driver, no longer its claim) writes nothing, so results are ingested once
 * whoever races (B5). Rows the catalog refuses roll all of it back; the caller reports why.
 */
@ApplicationScoped
public class ResultIngest {

    /** What an ingestion did: wrote the rows, or found the run moved on (and wrote nothing). */
    public record Ingested(boolean moved, BenchmarkRows.RowsWritten written) {

        static final Ingested MOVED = new Ingested(true, null);
    }

    private final ProfilingRunSessionWrites writes;
    private final BenchmarkRows rows;

    public ResultIngest(ProfilingRunSessionWrites writes, BenchmarkRows rows) {
        this.writes = writes;
        this.rows = rows;
    }

    /**
     * @param token the driver's claim token, or null for results posted back (no claim)
     * @param logs  the log excerpt to keep, or null to keep what the run has
     */
    @WithTransaction
    public Uni<Ingested> ingest(ProfilingRun run, Long token, LoadgenDocument doc, String logs, OffsetDateTime now) {
        return writes.succeed(run.id(), token, logs, now).chain(changed -> {
            if (changed != 1) {
                return Uni.createFrom().item(Ingested.MOVED);
            }
            return rows.write(run.model(), run.variantId(), run.hardware(), MeasuredRows.perReplica(run),
                    BenchmarkSource.MEASURED, MeasuredRows.of(run, doc))
                    .chain(written -> writes.recordRows(run.id(), ProfilingRunStore.rowsJson(written.rows()))
                            .replaceWith(new Ingested(false, written)));
        });
    }
}
