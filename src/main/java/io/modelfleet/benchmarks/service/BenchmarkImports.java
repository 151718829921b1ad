package io.modelfleet.benchmarks.service;

import io.modelfleet.api.FieldError;
import io.modelfleet.api.ProblemException;
import io.modelfleet.benchmarks.dto.ImportResult;
import io.modelfleet.benchmarks.formats.BenchmarkFileException;
import io.modelfleet.benchmarks.formats.BenchmarkFileParser;
import io.modelfleet.benchmarks.formats.BenchmarkFormat;
import io.modelfleet.benchmarks.formats.ParsedFile;
import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.repository.CatalogReads;
import io.modelfleet.common.Clock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Imports a benchmark tool's output file as IMPORTED rows of one variant (design 007): the format is the request's
 * or detected, the file is parsed whole before anything is written (errors name the line and column), and the rows
 * are written in one transaction with their provenance. The same file a second time writes nothing.
 */
@ApplicationScoped
public class BenchmarkImports {

    private final CatalogReads reads;
    private final BenchmarkRows rows;
    private final Pool pool;

    public BenchmarkImports(CatalogReads reads, BenchmarkRows rows, Pool pool) {
        this.reads = reads;
        this.rows = rows;
        this.pool = pool;
    }

    public Uni<ImportResult> importFile(ImportRequest request) {
        return reads.variant(request.model(), request.variantId()).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no variant " + request.variantId() + " of model '"
                        + request.model() + "'"))
                .chain(variant -> {
                    BenchmarkFormat format = format(request);
                    StorableText.check(request.body(), format == BenchmarkFormat.SAGEMAKER
                            ? StorableText.MAX_SAGEMAKER_TEXT : Integer.MAX_VALUE);
                    ParsedFile file = parse(format, request.body());
                    String digest = sha256(request.body());
                    Map<String, Object> common = new LinkedHashMap<>();
                    common.put("tool", file.tool());
                    common.put("format", parameter(format));
                    common.put("fileSha256", digest);
                    common.put("importedAt", Clock.now().toString());
                    common.put("importedBy", request.actor());
                    OperatingPoints.Rows points = OperatingPoints.of(file, request, common);
                    return knownHardware(points).chain(() -> rows.write(request.model(), request.variantId(), request.perReplica(),
                            BenchmarkSource.IMPORTED, points.byHardware())
                            .map(written -> new ImportResult(request.model(), request.variantId(), parameter(format),
                                    file.tool(), digest, written.created(), written.replaced(), written.unchanged(),
                                    written.rows(), List.copyOf(points.notes()))));
                });
    }

    /**
     * Every profile the rows are on must exist; an unknown one is named where it came from: the request's
     * {@code hardware}, or the line or record of the file (a SageMaker InstanceType) that named it.
     */
    private Uni<Void> knownHardware(OperatingPoints.Rows points) {
        String[] names = points.byHardware().keySet().toArray(new String[0]);
        return pool.preparedQuery("SELECT name FROM hardware_profile WHERE name = ANY($1)").execute(Tuple.of(names))
                .invoke(found -> {
                    java.util.Set<String> known = new java.util.HashSet<>();
                    found.forEach(r -> known.add(r.getString("name")));
                    List<FieldError> unknown = points.namedBy().entrySet().stream()
                            .filter(e -> !known.contains(e.getKey()))
                            .map(e -> new FieldError(e.getValue(), "no hardware profile named '" + e.getKey()
                                    + "'; register it with PUT /api/v1/hardware-profiles/" + e.getKey() + " first"))
                            .toList();
                    if (!unknown.isEmpty()) {
                        throw ProblemException.invalid(unknown);
                    }
                }).replaceWithVoid();
    }

    private static BenchmarkFormat format(ImportRequest request) {
        if (request.body() == null || request.body().length == 0) {
            throw ProblemException.badRequest("the body is empty: send the benchmark tool's output file as the body");
        }
        if (request.format() != null) {
            return BenchmarkFormat.fromParameter(request.format()).orElseThrow(() -> ProblemException.invalid(
                    "format", "unknown format '" + request.format() + "'; use one of " + formats()));
        }
        return BenchmarkFormat.detect(request.contentType(), request.body()).orElseThrow(() ->
                ProblemException.invalid("format", "could not tell the file's format from its Content-Type ("
                        + request.contentType() + ") and first line; pass format= (" + formats() + ")"));
    }

    private static ParsedFile parse(BenchmarkFormat format, byte[] body) {
        try {
            return BenchmarkFileParser.parse(format, body);
        } catch (BenchmarkFileException e) {
            String where = where(format, e);
            boolean refused = e.refused();
            throw ProblemException.located(refused ? "refused-benchmark-result" : "invalid-benchmark-file",
                    refused ? "Benchmark result refused" : "Invalid benchmark file", refused ? 422 : 400,
                    e.getMessage(), List.of(new FieldError(where, e.reason())));
        }
    }

    /**
     * Where the problem is, as {@code errors[].field}: the line and column of a text file, and for a SageMaker
     * record the JSON path of the field ({@code InferenceRecommendations[0].Metrics.ModelLatency}), which is how
     * someone editing that JSON finds it. The detail keeps the words ("record 1 (Metrics.ModelLatency)").
     */
    private static String where(BenchmarkFormat format, BenchmarkFileException e) {
        if (format == BenchmarkFormat.SAGEMAKER && e.inRecord()) {
            return "InferenceRecommendations[" + (e.line() - 1) + "]"
                    + (e.columnName() == null ? "" : "." + e.columnName());
        }
        return e.where();
    }

    static String parameter(BenchmarkFormat format) {
        return format.parameter();
    }

    private static String formats() {
        return Arrays.stream(BenchmarkFormat.values()).map(BenchmarkImports::parameter)
                .collect(Collectors.joining(", "));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

}
