package io.modelfleet.benchmarks.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MLPerf loadgen's {@code mlperf_log_summary.txt}: "key : value" lines under a "MLPerf Results Summary" banner,
 * latencies in nanoseconds. One file is one run, so one operating point.
 *
 * <p>Refused (422): a run whose "Result is" is INVALID (with the loadgen's reasons), an AccuracyOnly run (no
 * performance figures), and a run whose loadgen reported ERRORs.
 *
 * <p>Per scenario (a sample is one inference):
 * <ul>
 *   <li>SingleStream: one query of one sample at a time, so batch 1 and concurrency 1; throughput "QPS w/ loadgen
 *   overhead" (what was sustained, the harness's gaps included); p99 the "Early stopping 99th percentile estimate",
 *   the figure MLPerf reports for this scenario because it bounds the true p99 at 99% confidence, or the measured
 *   "99.00 percentile latency" when the run was too short for an estimate.</li>
 *   <li>MultiStream: one query of samples_per_query samples at a time, so batch = samples_per_query and
 *   concurrency 1; latencies are per query; throughput samples_per_query / mean query latency (loadgen prints no
 *   rate for this scenario); p99 as for SingleStream.</li>
 *   <li>Server: Poisson arrivals; requestRate "Scheduled samples per second" (the offered load), throughput
 *   "Completed samples per second" (what the system delivered) or, in files without it, the scheduled rate; p99
 *   the measured "99.00 percentile latency". Concurrency is not fixed: null.</li>
 *   <li>Offline: one query holding every sample; throughput "Samples per second"; p99 the measured "99.00
 *   percentile latency", which times that one huge query and is noted as not a per-request latency.</li>
 * </ul>
 * The SUT name goes into the origin; loadgen does not name the hardware.
 */
final class MlperfSummary {

    private static final String TOOL = "mlperf_loadgen";
    private static final double NANOSECONDS_PER_MS = 1_000_000.0;
    private static final double NANOSECONDS_PER_S = 1_000_000_000.0;
    private static final Pattern ERRORS = Pattern.compile("(?i)^(\\d+)\\s+errors?\\s+encountered.*");

    /** One "key : value" line; keys are compared lower-cased with single spaces, bullets dropped. */
    private record Entry(int line, String key, String value) {

        Location where() {
            return Location.named(line, key);
        }
    }

    private final List<TextLines.Line> lines;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private MlperfSummary(List<TextLines.Line> lines) {
        this.lines = TextLines.nonBlank(lines);
        for (TextLines.Line line : this.lines) {
            String text = line.text().trim();
            if (text.startsWith("*")) {
                text = text.substring(1).trim();
            }
            int colon = text.indexOf(':');
            if (colon > 0) {
                String key = text.substring(0, colon).trim().replaceAll("\\s+", " ");
                entries.putIfAbsent(normal(key), new Entry(line.number(), key, text.substring(colon + 1).trim()));
            }
        }
    }

    static ParsedFile parse(List<TextLines.Line> lines) {
        return new MlperfSummary(lines).read();
    }

    private ParsedFile read() {
        requireBanner();
        Entry scenario = require("Scenario");
        Entry mode = require("Mode");
        checkMode(mode);
        checkValidity();
        refuseLoadgenErrors();
        String sut = find("SUT name").map(Entry::value).filter(name -> !name.isEmpty()).orElse("unnamed SUT");
        String origin = "line " + scenario.line() + " (SUT " + sut + ", " + scenario.value() + ")";
        PointDraft draft = PointDraft.at(scenario.line(), origin);
        switch (scenario.value()) {
            case "SingleStream" -> singleStream(draft);
            case "MultiStream" -> multiStream(draft);
            case "Server" -> server(draft);
            case "Offline" -> offline(draft);
            default -> throw scenario.where().error("'" + scenario.value() + "' is not a loadgen scenario"
                    + " (SingleStream, MultiStream, Server, Offline)");
        }
        return new ParsedFile(BenchmarkFormat.MLPERF, TOOL, List.of(draft.build()), notes);
    }

    private void singleStream(PointDraft draft) {
        draft.batchSize(1).concurrency(1).throughputRps(positive(require("QPS w/ loadgen overhead")));
        latencies(draft, true);
    }

    private void multiStream(PointDraft draft) {
        Entry samplesPerQuery = require("samples_per_query");
        int samples = Numbers.positiveWhole(samplesPerQuery.value(), samplesPerQuery.where());
        Entry mean = require("Mean latency (ns)");
        double meanNs = positive(mean);
        double rps = samples * NANOSECONDS_PER_S / meanNs;
        draft.batchSize(samples).concurrency(1).throughputRps(rps);
        notes.add("MultiStream: throughput is derived, samples_per_query " + samples + " (line "
                + samplesPerQuery.line() + ") / mean query latency " + Numbers.show(meanNs / NANOSECONDS_PER_MS)
                + " ms (line " + mean.line() + ") = " + Numbers.show(rps) + " samples/s; latencies are per query of "
                + samples + " samples");
        latencies(draft, true);
    }

    private void server(PointDraft draft) {
        Optional<Entry> scheduled = find("Scheduled samples per second");
        Optional<Entry> completed = find("Completed samples per second");
        if (scheduled.isEmpty() && completed.isEmpty()) {
            throw Location.named(1, "Completed samples per second")
                    .error("a Server summary needs 'Completed samples per second' or 'Scheduled samples per second'");
        }
        scheduled.ifPresent(rate -> draft.requestRate(positive(rate)));
        draft.throughputRps(positive(completed.orElseGet(scheduled::get)));
        if (completed.isEmpty()) {
            notes.add("Server: the summary has no 'Completed samples per second'; throughput is the scheduled rate");
        }
        latencies(draft, false);
    }

    private void offline(PointDraft draft) {
        draft.throughputRps(positive(require("Samples per second")));
        latencies(draft, false);
        notes.add("Offline: loadgen sends every sample in one query, so its latencies time that query; the p99 is"
                + " not a per-request latency and suits only deployments without a tight latency SLO");
    }

    /** Measured percentiles; for the stream scenarios the early-stopping p99 estimate wins when there is one. */
    private void latencies(PointDraft draft, boolean earlyStoppingApplies) {
        Optional<Entry> p50 = find("50.00 percentile latency (ns)");
        Optional<Entry> p90 = find("90.00 percentile latency (ns)");
        Optional<Entry> p95 = find("95.00 percentile latency (ns)");
        Optional<Entry> measuredP99 = find("99.00 percentile latency (ns)");
        Optional<Entry> estimate = earlyStoppingApplies ? find("Early stopping 99th percentile estimate")
                : Optional.empty();
        Entry p99 = estimate.or(() -> measuredP99).orElseThrow(() -> Location.named(1, "99.00 percentile latency (ns)")
                .error("the summary has no 99th percentile latency"));
        Double p50Ms = p50.map(this::ms).orElse(null);
        Double p90Ms = p90.map(this::ms).orElse(null);
        Double p95Ms = p95.map(this::ms).orElse(null);
        double p99Ms = ms(p99);
        new Percentiles()
                .add("50.00 percentile latency", p50Ms, p50.map(Entry::where).orElse(null))
                .add("90.00 percentile latency", p90Ms, p90.map(Entry::where).orElse(null))
                .add("95.00 percentile latency", p95Ms, p95.map(Entry::where).orElse(null))
                .add("99th percentile latency", p99Ms, p99.where())
                .requireRising();
        draft.p50Ms(p50Ms).p90Ms(p90Ms).p95Ms(p95Ms).p99Ms(p99Ms);
        if (estimate.isPresent()) {
            notes.add("p99 is loadgen's early-stopping 99th percentile estimate (line " + p99.line() + "), the figure"
                    + " MLPerf reports" + measuredP99.map(m -> "; the measured 99.00 percentile was "
                    + Numbers.show(ms(m)) + " ms").orElse(""));
        } else if (earlyStoppingApplies) {
            notes.add("p99 is the measured 99.00 percentile (line " + p99.line() + "): the run was too short for an"
                    + " early-stopping estimate");
        }
    }

    private void requireBanner() {
        boolean banner = lines.stream().anyMatch(line -> line.text().trim().equalsIgnoreCase("MLPerf Results Summary"));
        if (!banner) {
            throw Location.line(lines.isEmpty() ? 1 : lines.get(0).number()).error("no 'MLPerf Results Summary'"
                    + " banner: this is not a loadgen mlperf_log_summary.txt");
        }
    }

    private void checkMode(Entry mode) {
        switch (mode.value()) {
            // loadgen spells the mode "PerformanceOnly" in summaries and "Performance" in other logs; take both
            case "PerformanceOnly", "Performance", "SubmissionRun", "Submission", "FindPeakPerformance",
                    "Find Peak Performance" -> {
            }
            case "AccuracyOnly", "Accuracy" -> throw mode.where().refusal("an AccuracyOnly run has no performance"
                    + " figures; import the summary of a PerformanceOnly run");
            default -> throw mode.where().error("'" + mode.value() + "' is not a loadgen mode");
        }
    }

    /**
     * INVALID means loadgen itself did not accept the run (too short, too few queries, latency bound missed): the
     * figures are not a measurement of the operating point. The reasons are the "satisfied : NO" lines and the
     * recommendations loadgen prints under them.
     */
    private void checkValidity() {
        Entry result = require("Result is");
        if (result.value().equals("VALID")) {
            return;
        }
        if (!result.value().equals("INVALID")) {
            throw result.where().error("'" + result.value() + "' is neither VALID nor INVALID");
        }
        List<String> reasons = new ArrayList<>();
        List<String> earlyStopping = new ArrayList<>();
        List<String> section = null;
        for (TextLines.Line line : lines) {
            if (line.number() <= result.line()) {
                continue;
            }
            String text = line.text().trim();
            if (text.startsWith("====")) {
                break;
            }
            if (text.toLowerCase(Locale.ROOT).contains("satisfied") && text.matches("(?i).*:\\s*no\\s*$")) {
                reasons.add(text);
            } else if (text.equalsIgnoreCase("Recommendations:")) {
                section = reasons;
            } else if (text.equalsIgnoreCase("Early Stopping Result:")) {
                section = earlyStopping;
            } else if (section != null && text.startsWith("*")) {
                section.add(text.substring(1).trim());
            } else if (section != null && !section.isEmpty() && !text.contains(":")) {
                // loadgen wraps long bullets onto unmarked lines
                section.set(section.size() - 1, section.get(section.size() - 1) + " " + text);
            } else {
                section = null;
            }
        }
        if (reasons.stream().anyMatch(reason -> reason.toLowerCase(Locale.ROOT).startsWith("early stopping"))) {
            reasons.addAll(earlyStopping);
        }
        throw result.where().refusal("loadgen marked this run INVALID"
                + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons)));
    }

    private void refuseLoadgenErrors() {
        for (TextLines.Line line : lines) {
            Matcher errors = ERRORS.matcher(line.text().trim());
            // Any count but zero, of any length: parsing it as an int would fail on eleven digits.
            if (errors.matches() && !errors.group(1).matches("0+")) {
                throw Location.line(line.number()).refusal("loadgen reported errors during the run ("
                        + line.text().trim() + "); its figures are not a clean measurement");
            }
        }
    }

    private double ms(Entry entry) {
        return positive(entry) / NANOSECONDS_PER_MS;
    }

    private static double positive(Entry entry) {
        return Numbers.positive(entry.value(), entry.where());
    }

    private Optional<Entry> find(String key) {
        return Optional.ofNullable(entries.get(normal(key)));
    }

    private Entry require(String key) {
        return find(key).orElseThrow(() -> Location.named(1, key).error("the summary has no '" + key + "' line"));
    }

    private static String normal(String key) {
        return key.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
