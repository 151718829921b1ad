package io.modelfleet.benchmarks.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Triton {@code perf_analyzer -f out.csv}: a header, then one row per concurrency or request-rate level (sorted by
 * throughput, not by level). Latency columns are in microseconds; the point keeps milliseconds.
 *
 * <p>Read: the level column (Concurrency or Request Rate), Inferences/Second, and p50/p90/p95/p99 latency (p99
 * required, the others when the -f file has them). The latency breakdown columns (Client Send ... Client Recv) are
 * averages that perf_analyzer derives by subtraction; they are not imported, only compared with the p99 so a file
 * from too short a measurement window gets a note. The batch size is perf_analyzer's -b flag and is not in the
 * file: every point has a null batch size, for the importer to fill in.
 */
final class PerfAnalyzerCsv {

    private static final String TOOL = "perf_analyzer";
    private static final double MICROSECONDS_PER_MS = 1000.0;
    /** Averages that add up to the client's mean latency (perf_analyzer's report writer). */
    private static final List<String> COMPONENTS = List.of("Client Send", "Network+Server Send/Recv", "Server Queue",
            "Server Compute Input", "Server Compute Infer", "Server Compute Output", "Server Compute",
            "Server Cache Hit", "Server Cache Miss", "Client Recv");

    private PerfAnalyzerCsv() {
    }

    static ParsedFile parse(List<TextLines.Line> lines) {
        CsvTable table = CsvTable.read(lines);
        OptionalInt concurrencyColumn = table.find("Concurrency");
        OptionalInt rateColumn = table.find("Request Rate");
        if (concurrencyColumn.isEmpty() && rateColumn.isEmpty()) {
            throw Location.named(table.headerLine(), "Concurrency").error("the header has neither a 'Concurrency'"
                    + " nor a 'Request Rate' column; perf_analyzer writes one of them first");
        }
        if (concurrencyColumn.isPresent() && rateColumn.isPresent()) {
            throw Location.cell(table.headerLine(), rateColumn.getAsInt() + 1, table.name(rateColumn.getAsInt()))
                    .error("the header has both 'Concurrency' and 'Request Rate'; perf_analyzer writes one of them");
        }
        int throughput = table.require("Inferences/Second", TOOL);
        int p99 = table.require("p99 latency", TOOL);
        OptionalInt p50 = table.find("p50 latency");
        OptionalInt p90 = table.find("p90 latency");
        OptionalInt p95 = table.find("p95 latency");
        List<Integer> components = COMPONENTS.stream().map(table::find).filter(OptionalInt::isPresent)
                .map(OptionalInt::getAsInt).toList();

        if (table.rows().isEmpty()) {
            throw Location.line(table.headerLine()).error("the file has a header but no rows");
        }
        List<OperatingPoint> points = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("perf_analyzer files do not record the batch size (its -b flag): every point has none, give it"
                + " with the import");
        for (CsvTable.Row row : table.rows()) {
            PointDraft draft;
            if (concurrencyColumn.isPresent()) {
                int column = concurrencyColumn.getAsInt();
                int concurrency = Numbers.positiveWhole(table.value(row, column), table.cell(row, column));
                draft = PointDraft.at(row.line(), "line " + row.line() + " (Concurrency " + concurrency + ")")
                        .concurrency(concurrency);
            } else {
                int column = rateColumn.getAsInt();
                double rate = Numbers.positive(table.value(row, column), table.cell(row, column));
                draft = PointDraft.at(row.line(), "line " + row.line() + " (Request Rate " + Numbers.show(rate) + ")")
                        .requestRate(rate);
            }
            Double p50Ms = latencyMs(table, row, p50);
            Double p90Ms = latencyMs(table, row, p90);
            Double p95Ms = latencyMs(table, row, p95);
            double p99Ms = latencyMs(table, row, OptionalInt.of(p99));
            new Percentiles()
                    .add("p50 latency", p50Ms, p50.isPresent() ? table.cell(row, p50.getAsInt()) : null)
                    .add("p90 latency", p90Ms, p90.isPresent() ? table.cell(row, p90.getAsInt()) : null)
                    .add("p95 latency", p95Ms, p95.isPresent() ? table.cell(row, p95.getAsInt()) : null)
                    .add("p99 latency", p99Ms, table.cell(row, p99))
                    .requireRising();
            double rps = Numbers.positive(table.value(row, throughput), table.cell(row, throughput));
            noteInconsistentComponents(table, row, components, p99Ms, notes);
            points.add(draft.p50Ms(p50Ms).p90Ms(p90Ms).p95Ms(p95Ms).p99Ms(p99Ms).throughputRps(rps).build());
        }
        Duplicates.requireUnique(points, false, "");
        return new ParsedFile(BenchmarkFormat.PERF_ANALYZER, TOOL, points, notes);
    }

    private static Double latencyMs(CsvTable table, CsvTable.Row row, OptionalInt column) {
        if (column.isEmpty()) {
            return null;
        }
        int index = column.getAsInt();
        return Numbers.positive(table.value(row, index), table.cell(row, index)) / MICROSECONDS_PER_MS;
    }

    /**
     * The breakdown columns are averages, so their sum is the mean latency, which sits below the p99 in any sane
     * measurement. Above it, the window was too short or the server's counters were read across levels: worth a
     * note, not a refusal, since the imported figures (p99, throughput) are measured directly.
     */
    private static void noteInconsistentComponents(CsvTable table, CsvTable.Row row, List<Integer> components,
            double p99Ms, List<String> notes) {
        if (components.isEmpty()) {
            return;
        }
        double sumUs = 0;
        for (int column : components) {
            String text = table.value(row, column);
            try {
                sumUs += Numbers.parse(text, table.cell(row, column));
            } catch (BenchmarkFileException unreadable) {
                notes.add(table.cell(row, column).describe() + ": '" + text.trim()
                        + "' is not a number; this latency breakdown column is not imported, so it is ignored");
                return;
            }
        }
        double sumMs = sumUs / MICROSECONDS_PER_MS;
        if (sumMs > p99Ms) {
            notes.add("line " + row.line() + ": the latency breakdown columns add up to " + Numbers.show(sumMs)
                    + " ms, more than the p99 latency of " + Numbers.show(p99Ms) + " ms; perf_analyzer derives them"
                    + " by subtraction, so the measurement window was probably too short (--measurement-interval)");
        }
    }
}
