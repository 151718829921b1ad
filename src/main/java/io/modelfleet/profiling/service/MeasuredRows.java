package io.modelfleet.profiling.service;

import io.modelfleet.benchmarks.service.BenchmarkRows;
import io.modelfleet.profiling.domain.LoadgenDocument;
import io.modelfleet.profiling.entity.ProfilingRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's result document as benchmark rows (design 007): one MEASURED row per operating point, its p99 and
 * throughput as measured, and a provenance that names the run, where it ran, what was measured with what, and
 * the point's other figures, so a row can be traced to the measurement it came from.
 */
final class MeasuredRows {

    private MeasuredRows() {
    }

    static List<BenchmarkRows.OperatingRow> of(ProfilingRun run, LoadgenDocument doc) {
        List<BenchmarkRows.OperatingRow> rows = new ArrayList<>();
        for (int i = 0; i < doc.points().size(); i++) {
            LoadgenDocument.Point p = doc.points().get(i);
            String origin = "point " + i + " (batch " + p.batchSize() + ", concurrency " + p.concurrency() + ")";
            rows.add(new BenchmarkRows.OperatingRow(p.batchSize(), p.concurrency(), p.p99Ms(), p.throughputRps(),
                    provenance(run, doc, p, origin), origin));
        }
        return rows;
    }

    static BenchmarkRows.PerReplica perReplica(ProfilingRun run) {
        return new BenchmarkRows.PerReplica(run.acceleratorsPerReplica(), run.vcpusPerReplica(),
                run.memoryGiBPerReplica());
    }

    private static Map<String, Object> provenance(ProfilingRun run, LoadgenDocument doc, LoadgenDocument.Point p,
            String origin) {
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("durationSeconds", p.durationSeconds());
        measured.put("requests", p.requests());
        measured.put("inferences", p.inferences());
        measured.put("errors", p.errors());
        measured.put("meanMs", p.meanMs());
        measured.put("p50Ms", p.p50Ms());
        measured.put("p90Ms", p.p90Ms());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tool", LoadgenDocument.TOOL);
        out.put("toolVersion", doc.version());
        out.put("profilingRun", run.id().toString());
        out.put("cluster", run.cluster());
        out.put("pool", run.pool());
        out.put("image", run.servingImage());
        out.put("loadgenImage", run.loadgenImage());
        out.put("target", doc.target());
        out.put("provider", doc.provider());
        out.put("startedAt", doc.startedAt());
        out.put("host", doc.host());
        out.put("origin", origin);
        out.put("measured", measured);
        return out;
    }
}
