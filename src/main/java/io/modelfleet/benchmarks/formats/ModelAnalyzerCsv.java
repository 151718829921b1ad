package io.modelfleet.benchmarks.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Triton Model Analyzer's {@code metrics-model-inference.csv}: one row per measured (model config, batch,
 * concurrency or request rate), with latencies already in milliseconds. Model Analyzer lets users choose the
 * columns (--inference-output-fields), so columns are found by their header names as Model Analyzer spells them.
 *
 * <p>Read: Batch, Concurrency or Request Rate, Throughput (infer/sec), p99 Latency (ms) (all required), p95, p90 and
 * p50 Latency (ms) when present, Model and Model Config Path for the origin. A file is one model: a second model's
 * rows are an error, because an import fills one variant. Rows that fail Model Analyzer's own constraints are
 * imported (the planner judges them against the deployment's SLO) and listed in a note.
 */
final class ModelAnalyzerCsv {

    static final String TOOL = "model_analyzer";
    /** What to do about two model configs measured at the same batch and concurrency. */
    static final String ONE_CONFIG_HINT = "each model config (instance count, dynamic batching) is its own serving"
            + " setup: import the rows of one config per variant";

    private ModelAnalyzerCsv() {
    }

    static ParsedFile parse(List<TextLines.Line> lines) {
        CsvTable table = CsvTable.read(lines);
        int batch = table.require("Batch", TOOL);
        OptionalInt concurrencyColumn = table.find("Concurrency");
        OptionalInt rateColumn = table.find("Request Rate");
        if (concurrencyColumn.isEmpty() && rateColumn.isEmpty()) {
            throw Location.named(table.headerLine(), "Concurrency").error("the header has neither a 'Concurrency'"
                    + " nor a 'Request Rate' column; Model Analyzer writes one of them");
        }
        int throughput = table.require("Throughput (infer/sec)", TOOL);
        int p99 = table.require("p99 Latency (ms)", TOOL);
        OptionalInt p50 = table.find("p50 Latency (ms)");
        OptionalInt p90 = table.find("p90 Latency (ms)");
        OptionalInt p95 = table.find("p95 Latency (ms)");
        OptionalInt model = table.find("Model");
        OptionalInt config = table.find("Model Config Path");
        OptionalInt satisfies = table.find("Satisfies Constraints");
        if (table.rows().isEmpty()) {
            throw Location.line(table.headerLine()).error("the file has a header but no rows");
        }

        List<OperatingPoint> points = new ArrayList<>();
        List<Integer> unsatisfied = new ArrayList<>();
        CsvTable.Row firstRow = table.rows().get(0);
        for (CsvTable.Row row : table.rows()) {
            if (model.isPresent()) {
                requireSameModel(table, row, firstRow, model.getAsInt());
            }
            int batchSize = Numbers.positiveWhole(table.value(row, batch), table.cell(row, batch));
            String name = config.isPresent() ? table.value(row, config.getAsInt())
                    : model.isPresent() ? table.value(row, model.getAsInt()) : "";
            String prefix = "line " + row.line() + " (" + (name.isEmpty() ? "" : name + ", ") + "batch " + batchSize;
            PointDraft draft;
            if (concurrencyColumn.isPresent()) {
                int column = concurrencyColumn.getAsInt();
                int concurrency = Numbers.positiveWhole(table.value(row, column), table.cell(row, column));
                draft = PointDraft.at(row.line(), prefix + ", concurrency " + concurrency + ")")
                        .concurrency(concurrency);
            } else {
                int column = rateColumn.getAsInt();
                double rate = Numbers.positive(table.value(row, column), table.cell(row, column));
                draft = PointDraft.at(row.line(), prefix + ", request rate " + Numbers.show(rate) + ")")
                        .requestRate(rate);
            }
            Double p50Ms = optionalMs(table, row, p50);
            Double p90Ms = optionalMs(table, row, p90);
            Double p95Ms = optionalMs(table, row, p95);
            double p99Ms = Numbers.positive(table.value(row, p99), table.cell(row, p99));
            new Percentiles()
                    .add("p50 Latency (ms)", p50Ms, p50.isPresent() ? table.cell(row, p50.getAsInt()) : null)
                    .add("p90 Latency (ms)", p90Ms, p90.isPresent() ? table.cell(row, p90.getAsInt()) : null)
                    .add("p95 Latency (ms)", p95Ms, p95.isPresent() ? table.cell(row, p95.getAsInt()) : null)
                    .add("p99 Latency (ms)", p99Ms, table.cell(row, p99))
                    .requireRising();
            double rps = Numbers.positive(table.value(row, throughput), table.cell(row, throughput));
            if (satisfies.isPresent()
                    && table.value(row, satisfies.getAsInt()).trim().toLowerCase(Locale.ROOT).equals("no")) {
                unsatisfied.add(row.line());
            }
            points.add(draft.batchSize(batchSize).p50Ms(p50Ms).p90Ms(p90Ms).p95Ms(p95Ms).p99Ms(p99Ms)
                    .throughputRps(rps).build());
        }
        Duplicates.requireUnique(points, false, ONE_CONFIG_HINT);
        List<String> notes = new ArrayList<>();
        if (!unsatisfied.isEmpty()) {
            notes.add(unsatisfied.size() + " row(s) do not satisfy Model Analyzer's constraints (lines "
                    + String.join(", ", unsatisfied.stream().map(String::valueOf).toList())
                    + "); they are imported, and the planner judges every row against the deployment's SLO");
        }
        return new ParsedFile(BenchmarkFormat.MODEL_ANALYZER, TOOL, points, notes);
    }

    private static Double optionalMs(CsvTable table, CsvTable.Row row, OptionalInt column) {
        if (column.isEmpty()) {
            return null;
        }
        return Numbers.positive(table.value(row, column.getAsInt()), table.cell(row, column.getAsInt()));
    }

    private static void requireSameModel(CsvTable table, CsvTable.Row row, CsvTable.Row first, int column) {
        String expected = table.value(first, column);
        String actual = table.value(row, column);
        if (!actual.equals(expected)) {
            throw table.cell(row, column).error("'" + actual + "' is a second model (line " + first.line()
                    + " has '" + expected + "'); an import fills one variant, so export one model per file");
        }
    }
}
