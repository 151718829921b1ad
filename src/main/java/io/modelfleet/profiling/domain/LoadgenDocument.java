package io.modelfleet.profiling.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.api.Texts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON document ModelFleet's load generator prints as the last line of its stdout ({@code docs/loadgen.md}):
 * which tool and version, what it measured, on which host, and one entry per operating point. Parsing is strict:
 * a document this class accepts has, for every point, a positive finite throughput and p99; anything else is a
 * {@link ResultDocumentException} that says what is wrong and where, so a run fails with a reason instead of
 * ingesting a half-read document (design 007, B5).
 */
public record LoadgenDocument(String tool, int version, String target, String model, String provider,
        String startedAt, Map<String, Object> host, List<Point> points) {

    public static final String TOOL = "modelfleet-loadgen";
    public static final int VERSION = 1;
    /** Above this share of failed requests a point is not a measurement (the load generator exits 3 there too). */
    public static final double MAX_ERROR_RATIO = 0.01;
    /** The load generator's target for a served model (its {@code kserve} mode). */
    public static final String KSERVE_TARGET = "kserve-v2";
    /** How far throughput x mean latency may be from concurrency x batch size (B6). */
    public static final double LITTLE_TOLERANCE = 0.2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** One operating point as the load generator measured it; times in milliseconds, throughput in inferences/s. */
    public record Point(int batchSize, int concurrency, double durationSeconds, long requests, long inferences,
            long errors, double throughputRps, double meanMs, double p50Ms, double p90Ms, double p99Ms) {
    }

    public LoadgenDocument {
        // Not Map.copyOf: a host figure the load generator could not read is a JSON null, and stays one.
        host = host == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(host));
        points = List.copyOf(points);
    }

    /**
     * The document in a pod log: the last line that is a JSON object naming the load generator. Kubernetes
     * interleaves stderr (the progress lines) with stdout, so it is looked for from the end rather than assumed
     * to be the very last line.
     */
    public static LoadgenDocument lastIn(String log) {
        if (log == null || log.isBlank()) {
            throw new ResultDocumentException("the load generator's log is empty");
        }
        String[] lines = log.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith("{") && namesTheTool(line)) {
                return parse(line);
            }
        }
        throw new ResultDocumentException("no line of the log is the load generator's JSON document; it ends with: "
                + tail(log, 300));
    }

    /** The document itself (a GITOPS run's posted body, or one log line). */
    public static LoadgenDocument parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new ResultDocumentException("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ResultDocumentException("must be a JSON object, was " + (root == null || root.isMissingNode()
                    ? "empty" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        String tool = root.path("tool").asText(null);
        if (!TOOL.equals(tool)) {
            throw new ResultDocumentException("tool must be '" + TOOL + "', was " + quoted(root.get("tool")));
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToExactIntegral() || version.asInt() != VERSION) {
            throw new ResultDocumentException("version must be " + VERSION + ", was " + quoted(version));
        }
        JsonNode points = root.get("points");
        if (points == null || !points.isArray() || points.isEmpty()) {
            throw new ResultDocumentException("points must be a non-empty array");
        }
        List<Point> parsed = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            parsed.add(point(points.get(i), "points[" + i + "]"));
        }
        JsonNode hostNode = root.get("host");
        if (hostNode != null && hostNode.isObject()) {
            storable(hostNode, "host");
        }
        Map<String, Object> host = hostNode != null && hostNode.isObject() ? JSON.convertValue(hostNode, MAP)
                : Map.of();
        return new LoadgenDocument(tool, VERSION, text(root, "target"), text(root, "model"), text(root, "provider"),
                text(root, "startedAt"), new LinkedHashMap<>(host), parsed);
    }

    /**
     * Checks that the document measured exactly the run's points, each once, and none with more than 1% failed
     * requests; a document of another run, or one cut short, is refused rather than ingested in part.
     */
    public LoadgenDocument checkFits(OperatingGrid grid) {
        // A profiling Job measures the served model over HTTP; an in-process ONNX run measures something else.
        if (!KSERVE_TARGET.equals(target)) {
            throw new ResultDocumentException("target must be '" + KSERVE_TARGET + "' (the Job measures the served"
                    + " model over KServe v2), was " + (target == null ? "absent" : "'" + shown(target) + "'"));
        }
        Set<OperatingGrid.Point> wanted = new HashSet<>(grid.points());
        Set<OperatingGrid.Point> seen = new HashSet<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            OperatingGrid.Point at = new OperatingGrid.Point(p.batchSize(), p.concurrency());
            if (!wanted.contains(at)) {
                throw new ResultDocumentException("points[" + i + "] (" + at + ") is not a point this run measures ("
                        + "batch sizes " + grid.batchSizes() + ", concurrencies " + grid.concurrencies() + ")");
            }
            if (!seen.add(at)) {
                throw new ResultDocumentException("points[" + i + "] (" + at + ") appears twice");
            }
            // requests counts the successful ones only (docs/loadgen.md); the rate is over all that were made.
            long made = p.requests() + p.errors();
            if (p.errors() > MAX_ERROR_RATIO * made) {
                throw new ResultDocumentException("points[" + i + "] (" + at + "): " + p.errors() + " of " + made
                        + " requests failed, more than " + Math.round(MAX_ERROR_RATIO * 100) + "%");
            }
            consistent(p, "points[" + i + "] (" + at + ")");
        }
        List<OperatingGrid.Point> missing = grid.points().stream().filter(p -> !seen.contains(p)).toList();
        if (!missing.isEmpty()) {
            throw new ResultDocumentException("lacks " + missing.size() + " of the run's " + grid.points().size()
                    + " points, first " + missing.get(0));
        }
        return this;
    }

    /**
     * Little's law (design 007, B6): in a closed loop, inferences in flight = throughput x mean latency, and that is
     * concurrency x batch size. Figures that disagree by more than {@value #LITTLE_TOLERANCE} were not measured
     * the way the load generator measures, so they are not taken as MEASURED rows.
     */
    private static void consistent(Point p, String at) {
        if (p.requests() == 0) {
            throw new ResultDocumentException(at + ": no request succeeded, so nothing was measured");
        }
        double inFlight = p.throughputRps() * p.meanMs() / 1000;
        int expected = p.concurrency() * p.batchSize();
        if (Math.abs(inFlight - expected) > LITTLE_TOLERANCE * expected) {
            throw new ResultDocumentException(String.format(java.util.Locale.ROOT, "%s: throughputRps x meanMs /"
                    + " 1000 = %.3f inferences in flight, more than %d%% from concurrency x batchSize = %d (Little's"
                    + " law)", at, inFlight, Math.round(LITTLE_TOLERANCE * 100), expected));
        }
    }

    private static String shown(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static Point point(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new ResultDocumentException(at + " must be an object");
        }
        return new Point(wholeAtLeast(node, at, "batchSize", 1), wholeAtLeast(node, at, "concurrency", 1),
                number(node, at, "durationSeconds", false), count(node, at, "requests"), count(node, at, "inferences"),
                count(node, at, "errors"), number(node, at, "throughputRps", true), number(node, at, "meanMs", true),
                number(node, at, "p50Ms", true), number(node, at, "p90Ms", true), number(node, at, "p99Ms", true));
    }

    private static int wholeAtLeast(JsonNode point, String at, String field, int least) {
        JsonNode value = point.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < least) {
            throw new ResultDocumentException(at + "." + field + " must be a whole number of at least " + least
                    + ", was " + quoted(value));
        }
        return value.asInt();
    }

    private static long count(JsonNode point, String at, String field) {
        JsonNode value = point.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new ResultDocumentException(at + "." + field + " must be a whole number of at least 0, was "
                    + quoted(value));
        }
        return value.asLong();
    }

    /** A finite number, greater than 0 when {@code positive} (a latency or a throughput), else at least 0. */
    private static double number(JsonNode point, String at, String field, boolean positive) {
        JsonNode value = point.get(field);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())
                || (positive ? value.asDouble() <= 0 : value.asDouble() < 0)) {
            throw new ResultDocumentException(at + "." + field + " must be a finite number " + (positive
                    ? "greater than 0" : "of at least 0") + ", was " + quoted(value));
        }
        return value.asDouble();
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        String text = value == null || value.isNull() ? null : value.isValueNode() ? value.asText()
                : value.toString();
        refuseUnstorable(field, text);
        return text;
    }

    /**
     * The texts of the document go into the rows' provenance (JSONB): one PostgreSQL cannot store (a NUL, an
     * unpaired surrogate) is refused here, naming where, instead of failing the transaction that writes the rows.
     */
    private static void storable(JsonNode node, String at) {
        if (node.isTextual()) {
            refuseUnstorable(at, node.textValue());
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                refuseUnstorable(at + " key", e.getKey());
                storable(e.getValue(), at + "." + e.getKey());
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                storable(node.get(i), at + "[" + i + "]");
            }
        }
    }

    private static void refuseUnstorable(String at, String text) {
        Texts.problem(text).ifPresent(problem -> {
            throw new ResultDocumentException(at + " " + problem);
        });
    }

    private static boolean namesTheTool(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() && TOOL.equals(node.path("tool").asText(null));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String quoted(JsonNode value) {
        if (value == null) {
            return "absent";
        }
        String shown = value.toString();
        return shown.length() > 60 ? shown.substring(0, 60) + "..." : shown;
    }

    /** The last {@code max} characters of a text, on one line. */
    static String tail(String text, int max) {
        String flat = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return flat.length() <= max ? flat : "..." + flat.substring(flat.length() - max);
    }
}
