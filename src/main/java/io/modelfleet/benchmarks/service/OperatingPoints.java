package io.modelfleet.benchmarks.service;

import io.modelfleet.api.Names;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Violations;
import io.modelfleet.benchmarks.formats.OperatingPoint;
import io.modelfleet.benchmarks.formats.ParsedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a parsed file's points into catalog rows keyed (hardware, batch size, concurrency): fills in what the file
 * does not record from the request, refuses contradictions with the line that has them, and records each row's
 * origin. Pure: the import service writes what this returns.
 */
final class OperatingPoints {

    /** perf_analyzer's own default for -b: a run that did not pass it measured batch size 1. */
    static final int DEFAULT_BATCH_SIZE = 1;

    /**
     * The rows by hardware profile, the notes the response carries, and for each profile what named it: the
     * request's {@code hardware}, or the first line or record of the file that did (for errors).
     */
    record Rows(Map<String, List<BenchmarkRows.OperatingRow>> byHardware, List<String> notes,
            Map<String, String> namedBy) {
    }

    private OperatingPoints() {
    }

    static Rows of(ParsedFile file, ImportRequest request, Map<String, Object> common) {
        // The parser says a file lacks the batch size; here it is known what was done about it, which says more.
        List<String> notes = new ArrayList<>(file.notes().stream()
                .filter(n -> !n.contains("do not record the batch size")).toList());
        Map<String, Map<String, Chosen>> byHardware = new LinkedHashMap<>();
        Map<String, String> namedBy = new LinkedHashMap<>();
        boolean assumedBatch = false;
        for (OperatingPoint p : file.points()) {
            // JSON files count records, text files lines; the parser's origin says which.
            String at = (p.origin() != null && p.origin().startsWith("record ") ? "record " : "line ") + p.line();
            String hardware = hardware(p, request, at);
            namedBy.putIfAbsent(hardware, p.hardware() != null ? p.origin() : "hardware");
            if (p.batchSize() != null && request.batchSize() != null && !p.batchSize().equals(request.batchSize())) {
                throw ProblemException.invalid(at, "the file says batch size " + p.batchSize()
                        + ", the request says " + request.batchSize() + "; leave batchSize out or make them agree");
            }
            int batch = p.batchSize() != null ? p.batchSize()
                    : request.batchSize() != null ? request.batchSize() : DEFAULT_BATCH_SIZE;
            assumedBatch |= p.batchSize() == null && request.batchSize() == null;
            Map<String, Object> provenance = new LinkedHashMap<>(common);
            provenance.put("origin", p.origin());
            provenance.put(at.startsWith("record") ? "record" : "line", p.line());
            int concurrency = concurrency(p, request, batch, provenance);
            Chosen chosen = new Chosen(p, new BenchmarkRows.OperatingRow(batch, concurrency, p.p99Ms(),
                    p.throughputRps(), provenance, at));
            Map<String, Chosen> rows = byHardware.computeIfAbsent(hardware, h -> new LinkedHashMap<>());
            String key = batch + "x" + concurrency;
            Chosen earlier = rows.get(key);
            if (earlier == null) {
                rows.put(key, chosen);
            } else if (p.concurrency() == null && earlier.point().concurrency() == null && p.requestRate() != null) {
                // Two request-rate levels with about the same requests in flight: one key, so one row. The higher
                // throughput is what that load in flight sustains; the other is named so nothing vanishes unsaid.
                Chosen kept = p.throughputRps() > earlier.point().throughputRps() ? chosen : earlier;
                Chosen dropped = kept == chosen ? earlier : chosen;
                rows.put(key, kept);
                notes.add(dropped.row().label() + " (" + dropped.point().origin() + ") and " + kept.row().label()
                        + " both had about " + concurrency + " requests in flight at batch size " + batch
                        + "; kept " + kept.row().label() + ", the higher throughput");
            } else {
                throw ProblemException.invalid(at, "repeats the operating point of " + earlier.row().label()
                        + " (" + hardware + ", batch size " + batch + ", concurrency " + concurrency + ")");
            }
        }
        if (assumedBatch) {
            notes.add("the file does not record the batch size; batch size " + DEFAULT_BATCH_SIZE
                    + " assumed (perf_analyzer's default -b). Pass batchSize= when the run used another");
        }
        Map<String, List<BenchmarkRows.OperatingRow>> out = new LinkedHashMap<>();
        byHardware.forEach((h, rows) -> out.put(h, rows.values().stream().map(Chosen::row).toList()));
        return new Rows(out, notes, namedBy);
    }

    private record Chosen(OperatingPoint point, BenchmarkRows.OperatingRow row) {
    }

    private static String hardware(OperatingPoint p, ImportRequest request, String at) {
        if (p.hardware() != null && request.hardware() != null && !p.hardware().equals(request.hardware())) {
            throw ProblemException.invalid(at, "the file says hardware '" + p.hardware() + "', the request says '"
                    + request.hardware() + "'; leave hardware out or make them agree");
        }
        String hardware = p.hardware() != null ? p.hardware() : request.hardware();
        if (hardware == null) {
            throw ProblemException.invalid("hardware", "is required: the file does not say which hardware profile it"
                    + " measured (" + at + "); pass hardware=<profile name>");
        }
        Violations names = new Violations();
        Names.check(names, "hardware", hardware);
        names.throwIfAny();
        return hardware;
    }

    /**
     * The file's concurrency, else the request's, else, for a request-rate level, the requests in flight by
     * Little's law (requests/s x median latency), else 1.
     */
    private static int concurrency(OperatingPoint p, ImportRequest request, int batch, Map<String, Object> provenance) {
        if (p.concurrency() != null) {
            if (request.concurrency() != null && !p.concurrency().equals(request.concurrency())) {
                throw ProblemException.invalid("line " + p.line() + " (concurrency)", "the file says concurrency " + p.concurrency()
                        + ", the request says " + request.concurrency() + "; leave concurrency out or make them agree");
            }
            return p.concurrency();
        }
        if (request.concurrency() != null) {
            return request.concurrency();
        }
        if (p.requestRate() != null) {
            double latencyMs = p.p50Ms() != null ? p.p50Ms() : p.p99Ms();
            double inFlight = p.throughputRps() / batch * latencyMs / 1000.0;
            // Clamped before the cast: a million-second p50 must not wrap round to a negative concurrency; the
            // catalog's bound then refuses it with the line.
            int derived = (int) Math.max(1, Math.min(Math.round(inFlight), Integer.MAX_VALUE));
            provenance.put("concurrencyDerivation", String.format(Locale.ROOT,
                    "%.4g inferences/s / batch %d x %s latency %.4g ms = %.3g requests in flight, rounded to %d",
                    p.throughputRps(), batch, p.p50Ms() != null ? "p50" : "p99", latencyMs, inFlight, derived));
            return derived;
        }
        return 1;
    }
}
